package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.provisioning.ProxySettings;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;

/** Everything a registration needs to know, validated by the builder; {@code proxy} is null for a direct connection. */
public record ProvisioningSettings(
        String host,
        int port,
        String idScope,
        String registrationId,
        DeviceCredential credential,
        TrustedCa trustedCa,
        ProvisioningTransport transport,
        ProxySettings proxy,
        Duration operationTimeout,
        Duration sasTokenLifetime) {

    /** {@code host:port}, and the proxy when there is one, for messages. */
    public String endpoint() {
        String address = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        return proxy == null ? address : address + " (through HTTP proxy " + proxy.address() + ")";
    }
}
