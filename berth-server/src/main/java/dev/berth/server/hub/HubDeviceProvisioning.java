package dev.berth.server.hub;

import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.attestation.DeviceEvidence;

/**
 * What the hub needs to know about a provisioned device: its ID, the credentials it attested with
 * (symmetric key → {@code sas}; individual X.509 → {@code selfSigned} thumbprint; group X.509 →
 * {@code certificateAuthority}), the enrollment's capabilities, and the initial twin to apply when
 * {@code applyInitialTwin} (new device, or data reset on reprovisioning).
 */
public record HubDeviceProvisioning(
        String hubHostName,
        String deviceId,
        DeviceEvidence evidence,
        boolean iotEdge,
        InitialTwin initialTwin,
        boolean applyInitialTwin) {
}
