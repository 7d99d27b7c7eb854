package dev.berth.device.provisioning;

import dev.berth.device.provisioning.internal.ProvisioningSettings;
import dev.berth.device.provisioning.internal.ProxyTunnelAuth;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.device.security.X509Credential;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Configures a {@link ProvisioningDeviceClient}. Host, ID scope, registration ID and credential are
 * required; the rest have defaults: MQTT, the transport's port (8883 for MQTT, 443 for MQTT over WebSocket
 * and HTTPS), the JDK trust store, no proxy, a 30 s operation timeout and SAS tokens valid for one hour.
 * Setters reject bad values at once with {@link IllegalArgumentException}.
 */
public final class ProvisioningDeviceClientBuilder {

    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SAS_TOKEN_LIFETIME = Duration.ofHours(1);

    /** DPS registration IDs: up to 128 alphanumerics and {@code - . _ :}; they also go into MQTT topics. */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern ID_SCOPE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private String host;
    private Integer port;
    private String idScope;
    private String registrationId;
    private DeviceCredential credential;
    private TrustedCa trustedCa = TrustedCa.systemDefault();
    private ProvisioningTransport transport = ProvisioningTransport.MQTT;
    private ProxySettings proxy;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private Duration sasTokenLifetime = DEFAULT_SAS_TOKEN_LIFETIME;

    ProvisioningDeviceClientBuilder() {
    }

    /** The provisioning endpoint's host name, e.g. {@code global.azure-devices-provisioning.net}. */
    public ProvisioningDeviceClientBuilder host(String host) {
        boolean hostAndPort = host != null && host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':');
        if (host == null || host.isBlank() || host.contains("/") || hostAndPort) {
            throw new IllegalArgumentException("host must be a host name or IP address without scheme or port"
                    + " (set the port with port(..)), got '" + host + "'");
        }
        this.host = host.strip();
        return this;
    }

    /** The service's port; when not set, the transport's {@link ProvisioningTransport#defaultPort() default}. */
    public ProvisioningDeviceClientBuilder port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        this.port = port;
        return this;
    }

    public ProvisioningDeviceClientBuilder idScope(String idScope) {
        if (idScope == null || !ID_SCOPE.matcher(idScope).matches()) {
            throw new IllegalArgumentException("ID scope must be letters and digits like 0ne00000001, got '" + idScope + "'");
        }
        this.idScope = idScope;
        return this;
    }

    public ProvisioningDeviceClientBuilder registrationId(String registrationId) {
        if (registrationId == null || !REGISTRATION_ID.matcher(registrationId).matches()) {
            throw new IllegalArgumentException("registration ID must be 1 to 128 letters, digits and - . _ :, got '"
                    + registrationId + "'");
        }
        this.registrationId = registrationId;
        return this;
    }

    public ProvisioningDeviceClientBuilder credential(DeviceCredential credential) {
        this.credential = Objects.requireNonNull(credential, "credential");
        return this;
    }

    /** The CA the server's certificate must chain to; {@link TrustedCa#systemDefault()} if not set. */
    public ProvisioningDeviceClientBuilder trustedCa(TrustedCa trustedCa) {
        this.trustedCa = Objects.requireNonNull(trustedCa, "trustedCa");
        return this;
    }

    /** MQTT (the default), MQTT over WebSocket or HTTPS. */
    public ProvisioningDeviceClientBuilder transport(ProvisioningTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        return this;
    }

    /**
     * Connects through an HTTP proxy ({@code CONNECT} tunnel), on any transport. With credentials over
     * HTTPS the JVM must allow Basic authentication for tunnels; {@link #build()} says how when it does not.
     */
    public ProvisioningDeviceClientBuilder proxy(ProxySettings proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
        return this;
    }

    /**
     * The longest wait for any single step: connecting, subscribing, or the answer to one request. The
     * timeout given to {@code register} bounds the whole registration, including the service's
     * {@code retry-after} pauses.
     */
    public ProvisioningDeviceClientBuilder operationTimeout(Duration operationTimeout) {
        this.operationTimeout = positive(operationTimeout, "operationTimeout");
        return this;
    }

    /** How long the SAS token sent to the service is valid; a device with a wrong clock fails early. */
    public ProvisioningDeviceClientBuilder sasTokenLifetime(Duration sasTokenLifetime) {
        this.sasTokenLifetime = positive(sasTokenLifetime, "sasTokenLifetime");
        return this;
    }

    /**
     * @throws IllegalStateException naming the first required setting that is missing, or when HTTPS through
     *                               an authenticating proxy cannot work because the JVM disables Basic
     *                               authentication for HTTPS tunnels
     */
    public ProvisioningDeviceClient build() {
        require(host, "host");
        require(idScope, "idScope");
        require(registrationId, "registrationId");
        require(credential, "credential");
        if (credential instanceof X509Credential certificate && !certificate.registrationId().equalsIgnoreCase(registrationId)) {
            throw new IllegalStateException("the device certificate's CN '" + certificate.registrationId()
                    + "' differs from the registration ID '" + registrationId + "'; with X.509 they must be the same");
        }
        if (transport == ProvisioningTransport.HTTPS && proxy != null && proxy.hasCredentials()
                && !ProxyTunnelAuth.basicAllowedForHttpsTunnels()) {
            throw new IllegalStateException(ProxyTunnelAuth.BASIC_DISABLED_ADVICE);
        }
        return new ProvisioningDeviceClient(new ProvisioningSettings(host, port == null ? transport.defaultPort() : port,
                idScope, registrationId, credential, trustedCa, transport, proxy, operationTimeout, sasTokenLifetime));
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
    }

    static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
        return value;
    }
}
