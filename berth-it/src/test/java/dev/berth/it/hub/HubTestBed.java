package dev.berth.it.hub;

import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MessageQos;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.device.security.X509Credential;
import dev.berth.hub.BerthHub;
import dev.berth.it.BerthTestServer;
import dev.berth.it.HubServiceCalls;
import dev.berth.it.TestPki;
import dev.berth.it.X509Enrollments;
import dev.berth.server.BerthServer;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A real Berth server with the embedded hub (SQLite, free ports), devices provisioned through DPS exactly as the
 * reference sample does it, and the hub's service REST API called with an {@code iothubowner} SAS token.
 */
final class HubTestBed implements AutoCloseable {
    static final String HUB = "hub1.berth.test";

    /** The two ways a device proves itself; each end-to-end test runs with both. */
    enum Kind { SAS, X509 }

    /** A device that DPS assigned to the hub, with the credential it used. */
    record ProvisionedDevice(String hub, String deviceId, DeviceCredential credential) {
    }

    private final String hubName;
    private final BerthStore store;
    private final BerthHub hub;
    private final BerthServer server;
    private final TrustedCa trustedCa;
    private final HttpClient http;

    HubTestBed(Path dataDirectory) {
        this(dataDirectory, HUB, 0);
    }

    /** A hub with this host name on this MQTT port (the official Azure SDKs dial 8883 and need a name with a dot). */
    HubTestBed(Path dataDirectory, String hubName, int mqttPort) {
        this(dataDirectory, hubName, mqttPort, 0);
    }

    /** The same with a fixed HTTPS port, e.g. 443 for SDKs whose MQTT over WebSocket always dials it. */
    HubTestBed(Path dataDirectory, String hubName, int mqttPort, int httpsPort) {
        this.hubName = hubName;
        store = SqliteBerthStore.open(dataDirectory.resolve("berth.db"));
        hub = BerthHub.builder().hubHostNames(List.of(hubName)).build();
        server = BerthServer.builder().dataDirectory(dataDirectory).store(store)
                .mqttPort(mqttPort).httpsPort(httpsPort).bindHost("127.0.0.1")
                .hostNames(List.of("localhost", hubName)).linkedHubs(List.of(hubName)).retryAfterSeconds(1)
                .extension(hub).hubRegistry(hub.hubRegistry())
                .build().start();
        trustedCa = TrustedCa.fromPemFile(server.caCertificate());
        http = HttpClient.newBuilder().sslContext(trustingSslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    SSLContext trustingSslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustedCa.trustManagerFactory().getTrustManagers(), null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    TrustedCa trustedCa() {
        return trustedCa;
    }

    int mqttPort() {
        return server.mqttPort();
    }

    int httpsPort() {
        return server.httpsPort();
    }

    BerthHub hub() {
        return hub;
    }

    /** The PEM of the CA that signed the server certificate (what a device must trust). */
    Path caCertificate() {
        return server.caCertificate();
    }

    String idScope() {
        return server.idScope();
    }

    /** Enrolls a symmetric-key device without provisioning it (for a test that provisions with another SDK). */
    void enroll(String registrationId, String key) {
        store.putEnrollment(BerthTestServer.individual(registrationId, key, null, "enabled", null), null);
    }

    /** Enrolls a self-signed X.509 device without provisioning it (for a test that provisions with another SDK). */
    void enroll(String registrationId, TestPki.Issued certificate) {
        X509Enrollments.individual(store, registrationId, certificate.certificate(), "enabled");
    }

    /** Enrolls a new device of this kind and provisions it through DPS over MQTT. */
    ProvisionedDevice provision(Kind kind, String registrationId) {
        return kind == Kind.SAS ? provisionWithKey(registrationId, newKey())
                : provisionWithCertificate(registrationId, TestPki.selfSignedDevice(registrationId));
    }

    ProvisionedDevice provisionWithKey(String registrationId, String key) {
        store.putEnrollment(BerthTestServer.individual(registrationId, key, null, "enabled", null), null);
        return provision(registrationId, SymmetricKeyCredential.of(key));
    }

    ProvisionedDevice provisionWithCertificate(String registrationId, TestPki.Issued certificate) {
        X509Enrollments.individual(store, registrationId, certificate.certificate(), "enabled");
        return provision(registrationId, X509Credential.of(certificate.keys().getPrivate(), certificate.chain()));
    }

    private ProvisionedDevice provision(String registrationId, DeviceCredential credential) {
        DeviceRegistrationResult result = ProvisioningDeviceClient.builder().host("localhost").port(server.mqttPort())
                .idScope(server.idScope()).registrationId(registrationId).credential(credential).trustedCa(trustedCa)
                .build().register(Duration.ofSeconds(30));
        if (!result.isAssigned()) {
            throw new IllegalStateException("provisioning " + registrationId + " failed: " + result);
        }
        return new ProvisionedDevice(result.assignedHub(), result.deviceId(), credential);
    }

    /**
     * The reference sample's client, dialling localhost (the test hub's name does not resolve) with quick
     * reconnects; the username and SAS token still name the assigned hub.
     */
    DeviceClient client(ProvisionedDevice device) {
        return client(device, server.mqttPort());
    }

    /** The same, dialling another port of localhost (e.g. a proxy in front of the server). */
    DeviceClient client(ProvisionedDevice device, int port) {
        return DeviceClient.builder().hubHostName(device.hub()).gatewayHostName("localhost").port(port)
                .deviceId(device.deviceId()).credential(device.credential()).qos(MessageQos.AT_LEAST_ONCE).trustedCa(trustedCa)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).operationTimeout(Duration.ofSeconds(15))
                .build();
    }

    /** A client for an identity with a key of the test's choosing (e.g. a wrong one). */
    DeviceClient client(String deviceId, String key) {
        return client(new ProvisionedDevice(hubName, deviceId, SymmetricKeyCredential.of(key)));
    }

    /** A call of the hub's service API, authorised as a back-end application would be. */
    HttpResponse<String> service(String method, String path, String jsonBody) {
        return new HubServiceCalls(http).call(server.httpsPort(), hub.serviceConnectionString(hubName, server.httpsPort()), method, path,
                jsonBody, null);
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void close() {
        server.close();
    }
}
