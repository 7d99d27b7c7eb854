package dev.berth.device.client.internal;

import dev.berth.device.client.MessageQos;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a {@code DeviceClient} was configured with, validated by its builder. {@code gatewayHostName} is null
 * unless the device dials another host than its hub's name.
 */
public record ClientSettings(String hubHostName, String gatewayHostName, int port, String deviceId, DeviceCredential credential, MessageQos qos,
                             TrustedCa trustedCa, Duration keepAlive, Duration sasTokenLifetime, Duration initialBackoff,
                             Duration maxBackoff, double backoffJitter, boolean cleanSession, Duration operationTimeout,
                             Clock clock) {

    /** The host the client dials and whose certificate it checks: the gateway if one is set, else the hub. */
    public String serverHost() {
        return gatewayHostName != null ? gatewayHostName : hubHostName;
    }

    public String endpoint() {
        return serverHost() + ":" + port;
    }

    public String username() {
        return dev.berth.protocol.hub.HubUsername.format(hubHostName, deviceId, dev.berth.device.provisioning.internal.SdkVersion.CLIENT_VERSION);
    }
}
