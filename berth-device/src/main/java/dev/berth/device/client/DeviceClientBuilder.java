package dev.berth.device.client;

import dev.berth.device.client.internal.ClientSettings;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** Options of a {@link DeviceClient} beyond the five of its constructor. Every check says what to fix. */
public final class DeviceClientBuilder {

    /** The hub drops a client after 1.5 × its keep-alive, at most 1767 s, so longer values do not help. */
    private static final Duration MAX_KEEP_ALIVE = Duration.ofSeconds(1177);
    private static final int MAX_DEVICE_ID_LENGTH = 128;

    private String hubHostName;
    private String gatewayHostName;
    private int port = 8883;
    private String deviceId;
    private DeviceCredential credential;
    private MessageQos qos = MessageQos.AT_LEAST_ONCE;
    private TrustedCa trustedCa = TrustedCa.systemDefault();
    private Duration keepAlive = Duration.ofSeconds(60);
    private Duration sasTokenLifetime = Duration.ofHours(1);
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(60);
    private double backoffJitter = 0.2;
    private boolean cleanSession;
    private Duration operationTimeout = Duration.ofSeconds(30);

    DeviceClientBuilder() {
    }

    /** The assigned hub's host name, e.g. {@code berth.example.com} (no port: see {@link #port}). */
    public DeviceClientBuilder hubHostName(String hubHostName) {
        this.hubHostName = hubHostName;
        return this;
    }

    /**
     * The host to dial when it is not the hub's own name, e.g. a gateway, a load balancer or {@code localhost} in a
     * test; the MQTT username and SAS token still name the hub. The server's certificate must be valid for this host.
     */
    public DeviceClientBuilder gatewayHostName(String gatewayHostName) {
        this.gatewayHostName = gatewayHostName;
        return this;
    }

    public DeviceClientBuilder port(int port) {
        this.port = port;
        return this;
    }

    public DeviceClientBuilder deviceId(String deviceId) {
        this.deviceId = deviceId;
        return this;
    }

    public DeviceClientBuilder credential(DeviceCredential credential) {
        this.credential = credential;
        return this;
    }

    /** How telemetry is sent; default {@link MessageQos#AT_LEAST_ONCE}. Twin and method traffic always uses QoS 1. */
    public DeviceClientBuilder qos(MessageQos qos) {
        this.qos = qos;
        return this;
    }

    /** Default {@link TrustedCa#systemDefault()}. */
    public DeviceClientBuilder trustedCa(TrustedCa trustedCa) {
        this.trustedCa = trustedCa;
        return this;
    }

    /** MQTT keep-alive, 1 s to 1177 s; default 60 s. */
    public DeviceClientBuilder keepAlive(Duration keepAlive) {
        this.keepAlive = keepAlive;
        return this;
    }

    /** How long each SAS token is valid (at least 1 minute); the client reconnects with a new one at 85 %. Default 1 h. */
    public DeviceClientBuilder sasTokenLifetime(Duration sasTokenLifetime) {
        this.sasTokenLifetime = sasTokenLifetime;
        return this;
    }

    /** Reconnect delays double from {@code initial} up to {@code max}; defaults 1 s and 60 s. */
    public DeviceClientBuilder reconnectBackoff(Duration initial, Duration max) {
        this.initialBackoff = initial;
        this.maxBackoff = max;
        return this;
    }

    /** The fraction (0 to 1) by which each reconnect delay is randomly shortened; default 0.2. */
    public DeviceClientBuilder reconnectJitter(double jitter) {
        this.backoffJitter = jitter;
        return this;
    }

    /**
     * Default false, as the Azure SDKs: the hub keeps subscriptions and queued cloud-to-device messages
     * across reconnects. True starts every connection afresh.
     */
    public DeviceClientBuilder cleanSession(boolean cleanSession) {
        this.cleanSession = cleanSession;
        return this;
    }

    /** Longest wait for connecting and for a PUBACK of telemetry (also while reconnecting); default 30 s. */
    public DeviceClientBuilder operationTimeout(Duration operationTimeout) {
        this.operationTimeout = operationTimeout;
        return this;
    }

    /** @throws IllegalArgumentException naming the first missing or invalid option */
    public DeviceClient build() {
        return new DeviceClient(settings());
    }

    ClientSettings settings() {
        if (hubHostName == null || hubHostName.isBlank()) {
            throw new IllegalArgumentException("the hub host name is missing (the assignedHub of the registration result)");
        }
        if (hubHostName.contains(":") || hubHostName.contains("/")) {
            throw new IllegalArgumentException("the hub host name '" + hubHostName
                    + "' must be a bare host name; give the port with port(…) and no scheme or path");
        }
        if (gatewayHostName != null && (gatewayHostName.isBlank() || gatewayHostName.contains("/"))) {
            throw new IllegalArgumentException("the gateway host name '" + gatewayHostName + "' must be a bare host name");
        }
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("the device ID is missing (the deviceId of the registration result)");
        }
        if (deviceId.length() > MAX_DEVICE_ID_LENGTH || deviceId.contains("/")) {
            throw new IllegalArgumentException("the device ID '" + deviceId + "' must be at most " + MAX_DEVICE_ID_LENGTH
                    + " characters without '/'");
        }
        Objects.requireNonNull(credential, "the credential (SymmetricKeyCredential or X509Credential) is missing");
        Objects.requireNonNull(qos, "qos");
        Objects.requireNonNull(trustedCa, "trustedCa (TrustedCa.systemDefault() for Azure)");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the port must be 1 to 65535, not " + port);
        }
        within("keepAlive", keepAlive, Duration.ofSeconds(1), MAX_KEEP_ALIVE);
        within("sasTokenLifetime", sasTokenLifetime, Duration.ofMinutes(1), Duration.ofDays(365));
        within("the initial reconnect delay", initialBackoff, Duration.ofMillis(1), Duration.ofHours(1));
        within("the maximum reconnect delay", maxBackoff, initialBackoff, Duration.ofHours(1));
        within("operationTimeout", operationTimeout, Duration.ofMillis(1), Duration.ofHours(1));
        if (!(backoffJitter >= 0 && backoffJitter <= 1)) {
            throw new IllegalArgumentException("the reconnect jitter must be between 0 and 1, not " + backoffJitter);
        }
        return new ClientSettings(hubHostName.strip(), gatewayHostName == null ? null : gatewayHostName.strip(), port, deviceId, credential, qos, trustedCa, keepAlive,
                sasTokenLifetime, initialBackoff, maxBackoff, backoffJitter, cleanSession, operationTimeout, Clock.systemUTC());
    }

    private static void within(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", not " + value);
        }
    }
}
