package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.server.store.RegistrationRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the embedded default generates or records survives a restart on the same data directory. */
class RestartKeepsStateTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @TempDir
    Path dir;

    private static DeviceRegistrationResult register(BerthTestServer berth, String regId, SymmetricKeyCredential credential) throws Exception {
        return ProvisioningDeviceClient.builder().host("localhost").port(berth.mqttPort()).idScope(berth.idScope())
                .registrationId(regId).credential(credential)
                .trustedCa(TrustedCa.fromPemFile(berth.server().caCertificate())).build()
                .register(Duration.ofSeconds(30));
    }

    @Test
    void id_scope_keys_pki_enrollments_and_registrations_survive_a_restart() throws Exception {
        String idScope;
        String connectionString;
        String caPem;
        String serverPem;
        String individualHub;
        String groupDeviceHub;
        try (BerthTestServer berth = BerthTestServer.start(dir)) {
            berth.enroll("restart-individual", KEY, null);
            berth.enrollGroup("restart-group", GROUP_KEY, null, "enabled");
            individualHub = register(berth, "restart-individual", SymmetricKeyCredential.of(KEY)).assignedHub();
            groupDeviceHub = register(berth, "restart-group-dev",
                    SymmetricKeyCredential.forGroupDevice(GROUP_KEY, "restart-group-dev")).assignedHub();
            idScope = berth.idScope();
            connectionString = berth.server().serviceConnectionString().replaceAll(":\\d+;", ";");
            caPem = Files.readString(berth.server().caCertificate());
            serverPem = Files.readString(dir.resolve("pki/server.pem"));
        }
        try (BerthTestServer berth = BerthTestServer.start(dir)) {
            assertThat(berth.idScope()).isEqualTo(idScope);
            assertThat(berth.server().serviceConnectionString().replaceAll(":\\d+;", ";")).isEqualTo(connectionString);
            assertThat(Files.readString(berth.server().caCertificate())).isEqualTo(caPem);
            assertThat(Files.readString(dir.resolve("pki/server.pem"))).isEqualTo(serverPem);
            assertThat(berth.store().findEnrollment("restart-individual")).isPresent();
            assertThat(berth.store().findGroup("restart-group")).isPresent();
            RegistrationRecord kept = berth.store().findRegistration("restart-group-dev").orElseThrow();
            assertThat(kept.status()).isEqualTo(dev.berth.protocol.dps.RegistrationStatus.ASSIGNED);
            assertThat(kept.assignedHub()).isEqualTo(groupDeviceHub);
            assertThat(kept.enrollmentGroupId()).isEqualTo("restart-group");

            DeviceRegistrationResult again = register(berth, "restart-individual", SymmetricKeyCredential.of(KEY));
            assertThat(again.status()).isEqualTo(ProvisioningStatus.ASSIGNED);
            assertThat(again.assignedHub()).isEqualTo(individualHub);
            assertThat(again.createdDateTimeUtc()).isBefore(again.lastUpdatedDateTimeUtc());
        }
    }
}
