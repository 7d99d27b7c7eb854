package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.BerthServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrollment and group commands against a real server on free ports, found through its endpoints.json. */
class EnrollmentCommandsTest {
    private static final String KEY_A = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=";
    private static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

    @TempDir
    static Path dataDir;
    static BerthServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = BerthServer.builder().dataDirectory(dataDir).bindHost("127.0.0.1").mqttPort(0).httpsPort(0).build().start();
        Endpoints.of(server, "127.0.0.1").write(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static CliRun berth(String... args) {
        return CliRun.inDataDir(dataDir, args);
    }

    @Test
    void enrollment_create_show_list_delete_round_trip() throws Exception {
        CliRun created = berth("enrollment", "create", "cli-device-1", "--primary-key", KEY_A, "--device-id", "thermostat-1",
                "--initial-twin", "{\"tags\":{\"site\":\"lab\"}}");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created individual enrollment 'cli-device-1'", "primary key:    " + KEY_A,
                "device ID:      thermostat-1");

        JsonNode shown = AppJson.MAPPER.readTree(berth("enrollment", "show", "cli-device-1").out());
        assertThat(shown.get("registrationId").asText()).isEqualTo("cli-device-1");
        assertThat(shown.at("/attestation/symmetricKey/primaryKey").asText()).isEqualTo(KEY_A);
        assertThat(shown.at("/attestation/symmetricKey/secondaryKey").asText()).isNotBlank();
        assertThat(shown.at("/initialTwin/tags/site").asText()).isEqualTo("lab");

        CliRun listed = berth("enrollment", "list");
        assertThat(listed.out()).contains("REGISTRATION ID").containsPattern("cli-device-1 +thermostat-1 +key +enabled");

        CliRun deleted = berth("enrollment", "delete", "cli-device-1");
        assertThat(deleted.exitCode()).isZero();
        assertThat(deleted.out()).contains("Deleted individual enrollment 'cli-device-1'");
        assertThat(berth("enrollment", "show", "cli-device-1").exitCode()).isEqualTo(1);
    }

    @Test
    void creating_an_existing_enrollment_is_refused_unless_replace_is_given() {
        assertThat(berth("enrollment", "create", "cli-twice", "--primary-key", KEY_A).exitCode()).isZero();

        CliRun again = berth("enrollment", "create", "cli-twice", "--primary-key", KEY_B);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists").contains("--replace");

        CliRun replaced = berth("enrollment", "create", "cli-twice", "--primary-key", KEY_B, "--replace", "--disabled");
        assertThat(replaced.exitCode()).isZero();
        assertThat(replaced.out()).contains("Replaced individual enrollment", KEY_B, "status:         disabled");
    }

    @Test
    void replace_of_an_enrollment_that_does_not_exist_says_it_created_it() {
        CliRun created = berth("enrollment", "create", "cli-fresh", "--primary-key", KEY_A, "--replace");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created individual enrollment 'cli-fresh'").doesNotContain("Replaced");
    }

    @Test
    void group_create_prints_keys_and_derive_key_matches_the_documented_rule() throws Exception {
        CliRun created = berth("group", "create", "cli-group", "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String groupKey = AppJson.MAPPER.readTree(created.out()).at("/attestation/symmetricKey/primaryKey").asText();

        CliRun derived = berth("group", "derive-key", "cli-group", "sensor-7");
        assertThat(derived.exitCode()).as(derived.err()).isZero();
        assertThat(derived.out().strip()).isEqualTo(SharedAccessSignatures.deriveDeviceKey(groupKey, "sensor-7"));

        CliRun offline = CliRun.run("group", "derive-key", "any-group", "sensor-7", "--group-key", groupKey);
        assertThat(offline.out().strip()).isEqualTo(derived.out().strip());

        assertThat(berth("group", "show", "cli-group").out()).contains("\"enrollmentGroupId\" : \"cli-group\"");
        assertThat(berth("group", "list").out()).containsPattern("cli-group +key +enabled +hashed");
        assertThat(berth("group", "delete", "cli-group").out()).contains("Deleted enrollment group 'cli-group'");
    }

    @Test
    void group_create_summary_tells_how_to_derive_device_keys() {
        CliRun created = berth("group", "create", "cli-group-summary");
        assertThat(created.out()).contains("Created enrollment group 'cli-group-summary'",
                "berth group derive-key cli-group-summary <registration-id>");
    }

    @Test
    void list_follows_continuation_pages_to_the_end() throws Exception {
        ServiceApiClient api = new ServiceApiClient(URI.create("https://localhost:" + server.httpsPort()),
                ServiceConnectionString.parse(server.serviceConnectionString()), server.caCertificate());
        for (int i = 0; i < 105; i++) { // the server's default page holds 100
            api.put(EnrollmentKind.GROUP.path("paged-" + i), new EnrollmentGroup("paged-" + i,
                    AttestationMechanism.symmetricKey(KEY_A, KEY_B), null, null, null, null, null, null, null, null, null, null, null));
        }
        JsonNode all = AppJson.MAPPER.readTree(berth("group", "list", "--json").out());
        assertThat(all.findValuesAsText("enrollmentGroupId")).filteredOn(id -> id.startsWith("paged-")).hasSize(105);
    }

    @Test
    void unknown_enrollment_prints_the_server_error_code_message_and_tracking_id() {
        CliRun run = berth("enrollment", "show", "no-such-device");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 404", "errorCode 404", "no-such-device", "trackingId").doesNotContain("\tat ");
    }

    @Test
    void explicit_connection_options_work_without_the_data_directory() {
        CliRun run = CliRun.run("group", "list", "--data-dir", dataDir.resolve("not-used").toString(),
                "--service-url", "https://127.0.0.1:" + server.httpsPort(),
                "--connection-string", server.serviceConnectionString(), "--ca", server.caCertificate().toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void wrong_key_in_the_connection_string_is_reported_as_unauthorised() {
        String wrong = "HostName=localhost;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=" + KEY_B;
        CliRun run = berth("enrollment", "list", "--connection-string", wrong);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 401", "SharedAccessKey");
    }

    @Test
    void bad_initial_twin_is_refused_before_anything_is_stored() {
        CliRun run = berth("enrollment", "create", "cli-bad-twin", "--initial-twin", "{not json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--initial-twin is not valid JSON");
        assertThat(berth("enrollment", "show", "cli-bad-twin").exitCode()).isEqualTo(1);
    }

    @Test
    void no_server_running_gives_a_hint_instead_of_a_stack_trace(@TempDir Path emptyDir) throws Exception {
        new Endpoints(java.util.List.of(), java.util.List.of(), "127.0.0.1", 1, 1, "sqlite").write(emptyDir);
        CliRun run = CliRun.run("enrollment", "list", "--data-dir", emptyDir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot connect to the service API", "berth serve").doesNotContain("\tat ");
    }
}
