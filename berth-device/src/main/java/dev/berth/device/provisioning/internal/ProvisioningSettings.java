package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;

/** Everything a registration needs to know, validated by the builder. */
public record ProvisioningSettings(
        String host,
        int port,
        String idScope,
        String registrationId,
        DeviceCredential credential,
        TrustedCa trustedCa,
        ProvisioningTransport transport,
        Duration operationTimeout,
        Duration sasTokenLifetime) {

    /** {@code host:port}, for messages. */
    public String endpoint() {
        return host + ":" + port;
    }
}
