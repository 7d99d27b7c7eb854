package dev.berth.device.provisioning;

/**
 * How the provisioning client talks to the service. All three carry the same requests and give the same
 * {@link DeviceRegistrationResult}; pick the one the device's network lets through.
 */
public enum ProvisioningTransport {
    /** MQTT 3.1.1 over TLS, port 8883 by default. */
    MQTT(8883),
    /**
     * MQTT 3.1.1 over a WebSocket ({@code wss://host/$iothub/websocket}, subprotocol {@code mqtt}), port 443
     * by default: for networks that only let HTTPS out, and through an HTTP proxy.
     */
    MQTT_WS(443),
    /** The DPS REST API over HTTPS ({@code PUT …/register}, then {@code GET …/operations/…}), port 443 by default. */
    HTTPS(443);

    private final int defaultPort;

    ProvisioningTransport(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The port used when the builder is not given one. */
    public int defaultPort() {
        return defaultPort;
    }
}
