package dev.berth.it.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.it.BerthTestServer;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.BerthServer;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.RegistrationRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out as design.md describes it: two provisioning nodes that keep no state of their own, sharing one
 * PostgreSQL database. They agree on the ID scope and keys, enrollments made through one are used by the
 * other, and the same device registering on both at once ends in one consistent record. Runs when
 * {@code BERTH_TEST_POSTGRES_URL} is set; in CI ({@code CI=true}) its absence is a failure.
 */
class TwoNodesOnPostgresTest {
    private static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @TempDir
    Path dir;
    private PostgresTestSchema schema;
    private final List<BerthServer> nodes = new ArrayList<>();
    private BerthStore enrollments;

    @BeforeEach
    void startTwoNodes() throws Exception {
        schema = PostgresTestSchema.create("berth_nodes_", "the two-node test");
        for (int i = 0; i < 2; i++) {
            // one data directory for both: it only holds the PKI here, and devices trust one CA
            nodes.add(BerthServer.builder().dataDirectory(dir).store(openStore()).mqttPort(0).httpsPort(0).bindHost("127.0.0.1")
                    .linkedHubs(List.of(BerthTestServer.HUB, BerthTestServer.HUB_2)).retryAfterSeconds(1).build().start());
        }
        enrollments = openStore();
        enrollments.putGroup(new dev.berth.protocol.service.EnrollmentGroup("scale-group",
                dev.berth.protocol.service.AttestationMechanism.symmetricKey(GROUP_KEY, null), null, null, null, null, "enabled",
                null, null, null, "hashed", null, null), null);
    }

    private BerthStore openStore() {
        return schema.openStore();
    }

    @AfterEach
    void stop() throws Exception {
        nodes.forEach(BerthServer::close);
        if (enrollments != null) {
            enrollments.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    private CompletableFuture<DeviceRegistrationResult> register(BerthServer node, String regId) {
        return ProvisioningDeviceClient.builder().host("localhost").port(node.mqttPort()).idScope(node.idScope())
                .registrationId(regId).credential(SymmetricKeyCredential.of(SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId)))
                .trustedCa(TrustedCa.fromPemFile(node.caCertificate())).build().registerAsync(Duration.ofSeconds(30));
    }

    @Test
    void nodes_share_identity_and_the_same_device_racing_on_both_ends_in_one_record() {
        BerthServer a = nodes.get(0);
        BerthServer b = nodes.get(1);
        assertThat(a.idScope()).isEqualTo(b.idScope());
        assertThat(a.serviceConnectionString().replaceAll(":\\d+;", ";")).isEqualTo(b.serviceConnectionString().replaceAll(":\\d+;", ";"));

        // one connection per node at a time: a second connection on the same node would replace the first
        List<DeviceRegistrationResult> results = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            CompletableFuture<DeviceRegistrationResult> onA = register(a, "racing-device");
            CompletableFuture<DeviceRegistrationResult> onB = register(b, "racing-device");
            results.add(onA.join());
            results.add(onB.join());
        }
        assertThat(results).allSatisfy(r -> assertThat(r.isAssigned()).as(String.valueOf(r)).isTrue());
        assertThat(results).extracting(DeviceRegistrationResult::assignedHub).containsOnly(results.get(0).assignedHub());

        RegistrationRecord stored = enrollments.findRegistration("racing-device").orElseThrow();
        assertThat(stored.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(stored.assignedHub()).isEqualTo(results.get(0).assignedHub());
        assertThat(stored.enrollmentGroupId()).isEqualTo("scale-group");
        assertThat(results).extracting(DeviceRegistrationResult::etag).contains(stored.etag());
    }

    @Test
    void devices_spread_over_both_nodes_are_all_assigned() {
        List<CompletableFuture<DeviceRegistrationResult>> devices = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            devices.add(register(nodes.get(i % 2), "spread-" + i));
        }
        assertThat(devices.stream().map(CompletableFuture::join))
                .allSatisfy(r -> assertThat(r.isAssigned()).as(String.valueOf(r)).isTrue());
        for (int i = 0; i < 10; i++) {
            assertThat(enrollments.findRegistration("spread-" + i)).isPresent();
        }
    }
}
