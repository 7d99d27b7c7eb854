package dev.berth.it.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.server.BerthServer;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Berth SDK against a real Berth server in process, MQTT over TLS on a free port, symmetric keys. */
class SdkSymmetricKeyProvisioningTest {

    private static final String HUB = "hub1.berth.test";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;
    static BerthStore store;
    static BerthServer server;

    @BeforeAll
    static void startServer() {
        store = SqliteBerthStore.open(dataDir.resolve("berth.db"));
        server = BerthServer.builder().dataDirectory(dataDir).store(store)
                .mqttPort(0).httpsPort(0).bindHost("127.0.0.1")
                .linkedHubs(List.of(HUB)).retryAfterSeconds(1)
                .build().start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void individual_key_device_is_assigned_to_linked_hub() {
        String key = newKey();
        store.putEnrollment(individual("it-individual-01", key, "enabled"), null);

        DeviceRegistrationResult result = client("it-individual-01", SymmetricKeyCredential.of(key))
                .register("{\"modelId\":\"dtmi:berth:test;1\"}", TIMEOUT);

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.assignedHub()).isEqualTo(HUB);
        assertThat(result.deviceId()).isEqualTo("it-individual-01");
        assertThat(result.registrationId()).isEqualTo("it-individual-01");
        assertThat(result.operationId()).isNotBlank();
        assertThat(result.createdDateTimeUtc()).isNotNull();
        assertThat(result.errorCode()).isNull();
    }

    @Test
    void group_key_device_is_assigned_to_linked_hub() throws Exception {
        String groupKey = newKey();
        store.putGroup(group("it-group", groupKey), null);

        DeviceRegistrationResult result = client("it-group-device-07", SymmetricKeyCredential.forGroupDevice(groupKey, "it-group-device-07"))
                .registerAsync(TIMEOUT).get();

        assertThat(result.isAssigned()).as(String.valueOf(result)).isTrue();
        assertThat(result.assignedHub()).isEqualTo(HUB);
        assertThat(result.deviceId()).isEqualTo("it-group-device-07");
    }

    @Test
    void wrong_key_is_a_failed_result_saying_unauthorized() {
        store.putEnrollment(individual("it-wrong-key", newKey(), "enabled"), null);

        DeviceRegistrationResult result = client("it-wrong-key", SymmetricKeyCredential.of(newKey())).register(TIMEOUT);

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).as(String.valueOf(result)).isBetween(401000, 401999);
        assertThat(result.errorMessage()).isNotBlank();
    }

    @Test
    void unknown_registration_id_is_a_failed_result() {
        DeviceRegistrationResult result = client("it-nobody", SymmetricKeyCredential.of(newKey())).register(TIMEOUT);

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).as(String.valueOf(result)).isNotNull();
        assertThat(result.errorCode() / 1000).isIn(401, 404);
        assertThat(result.errorMessage()).isNotBlank();
    }

    @Test
    void disabled_enrollment_is_not_assigned_and_says_why() {
        String key = newKey();
        store.putEnrollment(individual("it-disabled", key, "disabled"), null);

        DeviceRegistrationResult result = client("it-disabled", SymmetricKeyCredential.of(key)).register(TIMEOUT);

        assertThat(result.status()).as(String.valueOf(result)).isIn(ProvisioningStatus.DISABLED, ProvisioningStatus.FAILED);
        assertThat(result.errorMessage()).isNotBlank();
    }

    @Test
    void server_not_trusted_by_the_given_ca_is_a_tls_failure() {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("localhost").port(server.mqttPort())
                .idScope(server.idScope()).registrationId("it-tls").credential(SymmetricKeyCredential.of(newKey()))
                .trustedCa(TrustedCa.systemDefault()).build();

        assertThatThrownBy(() -> client.register(TIMEOUT))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("TLS: server certificate of localhost:" + server.mqttPort() + " not trusted by the JDK default trust store")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.TLS_FAILED);
    }

    @Test
    void nothing_listening_is_a_connection_failure() {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("127.0.0.1").port(1)
                .idScope(server.idScope()).registrationId("it-closed").credential(SymmetricKeyCredential.of(newKey()))
                .trustedCa(TrustedCa.fromPemFile(server.caCertificate())).build();

        assertThatThrownBy(() -> client.register(TIMEOUT))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:1")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.CONNECTION_FAILED);
    }

    private static ProvisioningDeviceClient client(String registrationId, SymmetricKeyCredential credential) {
        return ProvisioningDeviceClient.builder().host("localhost").port(server.mqttPort())
                .idScope(server.idScope()).registrationId(registrationId).credential(credential)
                .trustedCa(TrustedCa.fromPemFile(server.caCertificate())).build();
    }

    private static IndividualEnrollment individual(String registrationId, String key, String provisioningStatus) {
        return new IndividualEnrollment(registrationId, null, null, null, AttestationMechanism.symmetricKey(key, newKey()),
                null, null, null, null, provisioningStatus, null, null, null, null, null, null);
    }

    private static EnrollmentGroup group(String groupId, String key) {
        return new EnrollmentGroup(groupId, AttestationMechanism.symmetricKey(key, newKey()),
                null, null, null, null, "enabled", null, null, null, null, null, null);
    }

    private static String newKey() {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
