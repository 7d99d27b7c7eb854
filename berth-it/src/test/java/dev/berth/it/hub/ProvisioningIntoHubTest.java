package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.hub.BerthHub;
import dev.berth.hub.registry.AzureIotHubRegistry;
import dev.berth.hub.registry.HubRegistries;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.DeviceCapabilities;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.BerthServer;
import dev.berth.server.Json;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning puts the device into the embedded hub: a device registered through DPS with the Berth SDK then
 * exists in the hub (read through the hub's REST API) with the credentials it attested with and the enrollment's
 * initial twin; a hub that refuses the provisioning service's credentials makes the registration fail with 400209.
 */
class ProvisioningIntoHubTest {
    private static final String HUB = "hub1.berth.test";
    /** A "remote" hub reached by connection string with a wrong key: the embedded hub's API on 127.0.0.1. */
    private static final String REFUSING_HUB = "127.0.0.1";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static BerthStore store;
    static BerthHub hub;
    static BerthServer server;
    static SSLContext trust;
    static final AtomicReference<HubRegistry> refusingRegistry = new AtomicReference<>(HubRegistry.NONE);

    @BeforeAll
    static void start() throws Exception {
        store = SqliteBerthStore.open(dataDir.resolve("berth.db"));
        hub = BerthHub.builder().hubHostNames(List.of(HUB)).build();
        HubRegistry lateRemote = new HubRegistry() { // its port is known only once the server listens
            @Override
            public boolean manages(String hubHostName) {
                return REFUSING_HUB.equals(hubHostName);
            }

            @Override
            public void provision(HubDeviceProvisioning request) {
                refusingRegistry.get().provision(request);
            }
        };
        server = BerthServer.builder().dataDirectory(dataDir).store(store).mqttPort(0).httpsPort(0).bindHost("127.0.0.1")
                .hostNames(List.of("localhost", HUB)).linkedHubs(List.of(HUB, REFUSING_HUB)).retryAfterSeconds(1)
                .extension(hub).hubRegistry(HubRegistries.of(hub.hubRegistry(), lateRemote))
                .build().start();
        trust = trustingServerCa();
        refusingRegistry.set(new AzureIotHubRegistry("HostName=" + REFUSING_HUB + ":" + server.httpsPort()
                + ";SharedAccessKeyName=iothubowner;SharedAccessKey=" + newKey(), trust, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void individual_key_device_exists_in_the_hub_with_its_key_and_initial_twin() throws Exception {
        String key = newKey();
        InitialTwin twin = new InitialTwin(Map.of("building", "b7"), new InitialTwin.Properties(Map.of("telemetryInterval", 15)));
        store.putEnrollment(new IndividualEnrollment("it-hub-individual", "hub-device-7", null, null,
                AttestationMechanism.symmetricKey(key, newKey()), new DeviceCapabilities(true), null, twin, null, "enabled", null,
                null, null, "hashed", List.of(HUB), null), null);

        DeviceRegistrationResult result = register("it-hub-individual", SymmetricKeyCredential.of(key));

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.deviceId()).isEqualTo("hub-device-7");
        JsonNode device = hubGet("/devices/hub-device-7");
        assertThat(device.at("/authentication/type").asText()).isEqualTo("sas");
        assertThat(device.at("/authentication/symmetricKey/primaryKey").asText()).isEqualTo(key);
        assertThat(device.at("/authentication/symmetricKey/secondaryKey").asText()).isEqualTo(key);
        assertThat(device.at("/capabilities/iotEdge").asBoolean()).isTrue();
        assertThat(device.get("status").asText()).isEqualTo("enabled");
        JsonNode deviceTwin = hubGet("/twins/hub-device-7");
        assertThat(deviceTwin.at("/tags/building").asText()).isEqualTo("b7");
        assertThat(deviceTwin.at("/properties/desired/telemetryInterval").asInt()).isEqualTo(15);
    }

    @Test
    void group_key_device_signs_with_its_derived_key_in_the_hub() throws Exception {
        String groupKey = newKey();
        store.putGroup(new EnrollmentGroup("it-hub-group", AttestationMechanism.symmetricKey(groupKey, newKey()), null, null,
                new InitialTwin(null, new InitialTwin.Properties(Map.of("fleet", "north"))), null, "enabled", null, null, null,
                "hashed", List.of(HUB), null), null);
        String deviceKey = SharedAccessSignatures.deriveDeviceKey(groupKey, "it-hub-group-dev-1");

        DeviceRegistrationResult result = register("it-hub-group-dev-1", SymmetricKeyCredential.of(deviceKey));

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(hubGet("/devices/it-hub-group-dev-1").at("/authentication/symmetricKey/primaryKey").asText()).isEqualTo(deviceKey);
        assertThat(hubGet("/twins/it-hub-group-dev-1").at("/properties/desired/fleet").asText()).isEqualTo("north");
    }

    @Test
    void a_hub_that_refuses_the_provisioning_credentials_fails_the_registration_with_400209() {
        String key = newKey();
        store.putEnrollment(new IndividualEnrollment("it-hub-refused", null, null, null, AttestationMechanism.symmetricKey(key, newKey()),
                null, null, null, null, "enabled", null, null, null, "hashed", List.of(REFUSING_HUB), null), null);

        DeviceRegistrationResult result = register("it-hub-refused", SymmetricKeyCredential.of(key));

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(400209);
        assertThat(result.errorMessage()).contains(REFUSING_HUB).contains("401");
    }

    private static DeviceRegistrationResult register(String registrationId, SymmetricKeyCredential credential) {
        return ProvisioningDeviceClient.builder().host("localhost").port(server.mqttPort())
                .idScope(server.idScope()).registrationId(registrationId).credential(credential)
                .trustedCa(TrustedCa.fromPemFile(server.caCertificate())).build().register(TIMEOUT);
    }

    /** A GET on the hub REST API with a token made from the hub's own connection string. */
    private static JsonNode hubGet(String path) throws Exception {
        String connectionString = hub.serviceConnectionString(HUB, server.httpsPort());
        String key = connectionString.substring(connectionString.indexOf("SharedAccessKey=") + "SharedAccessKey=".length());
        String token = SharedAccessSignatures.createToken(key, HUB, Clock.systemUTC().instant().getEpochSecond() + 300, "iothubowner");
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(trust).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path + "?api-version=2021-04-12"))
                        .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static SSLContext trustingServerCa() throws Exception {
        KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
        keyStore.load(null, null);
        keyStore.setCertificateEntry("berth-ca", PemFiles.readCertificates(server.caCertificate()).get(0));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
