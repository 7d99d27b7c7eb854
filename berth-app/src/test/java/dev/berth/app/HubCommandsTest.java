package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.device.client.CloudToDeviceMessage;
import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MethodResult;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.server.BerthServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub and telemetry commands against a live server wired as {@code berth serve} wires it, with a provisioned device. */
class HubCommandsTest {

    @TempDir
    static Path dataDir;

    static BerthServer server;

    @BeforeAll
    static void startServerAsServeDoes() throws Exception {
        HubWiring wiring = HubWiring.of(List.of(), List.of(), true, List.of(), HubWiring.DEFAULT_RETENTION);
        server = wiring.applyTo(BerthServer.builder()).dataDirectory(dataDir).bindHost("127.0.0.1").mqttPort(0).httpsPort(0)
                .retryAfterSeconds(1).build().start();
        Endpoints.of(server, "127.0.0.1", wiring.connectionStrings(server)).write(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_provisioned_device_exists_in_the_embedded_hub_with_its_key() throws Exception {
        String key = newKey();
        provision("hub-show-1", key);

        CliRun show = CliRun.inDataDir(dataDir, "hub", "device", "show", "hub-show-1");

        assertThat(show.exitCode()).as(show.err()).isZero();
        JsonNode device = AppJson.MAPPER.readTree(show.out());
        assertThat(device.get("deviceId").asText()).isEqualTo("hub-show-1");
        assertThat(device.get("status").asText()).isEqualTo("enabled");
        assertThat(device.at("/authentication/type").asText()).isEqualTo("sas");
        assertThat(device.at("/authentication/symmetricKey/primaryKey").asText()).isEqualTo(key);
        assertThat(CliRun.inDataDir(dataDir, "hub", "device", "list").out()).containsPattern("hub-show-1 +enabled +sas +no");
    }

    @Test
    void telemetry_tail_prints_one_line_per_message_with_properties_and_body() {
        provision("hub-tail-1", newKey());
        try (DeviceClient device = connect("hub-tail-1")) {
            device.sendMessage("{\"temperature\":21}", "application/json", Map.of("alert", "no"));
            device.sendMessage("second", null, Map.of());
        }

        CliRun tail = CliRun.inDataDir(dataDir, "telemetry", "tail", "--device", "hub-tail-1", "--from", "0", "--count", "2");

        assertThat(tail.exitCode()).as(tail.err()).isZero();
        List<String> lines = tail.out().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\S+Z  #\\d+  hub-tail-1  \\[.*\\]  \\{\"temperature\":21\\}")
                .contains("alert=no", "$.ct=application/json", "$.ce=utf-8").doesNotContain("iothub-connection-device-id");
        assertThat(lines.get(1)).contains("  hub-tail-1  ").endsWith("]  second");
    }

    @Test
    void twin_set_desired_reaches_the_connected_device_and_twin_show_has_it() throws Exception {
        provision("hub-twin-1", newKey());
        List<String> updates = new CopyOnWriteArrayList<>();
        try (DeviceClient device = client("hub-twin-1")) {
            device.onDesiredPropertiesUpdate(update -> updates.add(update.patchJson()));
            assertThat(device.open()).as(String.valueOf(device.lastError())).isTrue();
            device.updateReportedProperties(Map.of("firmware", "1.2"), Duration.ofSeconds(10));

            CliRun set = CliRun.inDataDir(dataDir, "hub", "twin", "set-desired", "hub-twin-1", "{\"interval\":30}");

            assertThat(set.exitCode()).as(set.err()).isZero();
            assertThat(set.out()).contains("Desired properties of 'hub-twin-1' are now version").contains("\"interval\" : 30");
            await().atMost(Duration.ofSeconds(10)).until(() -> updates.stream().anyMatch(u -> u.contains("\"interval\":30")));
        }
        JsonNode twin = AppJson.MAPPER.readTree(CliRun.inDataDir(dataDir, "hub", "twin", "show", "hub-twin-1").out());
        assertThat(twin.at("/properties/desired/interval").asInt()).isEqualTo(30);
        assertThat(twin.at("/properties/reported/firmware").asText()).isEqualTo("1.2");
    }

    @Test
    void method_prints_the_devices_answer() {
        provision("hub-method-1", newKey());
        try (DeviceClient device = client("hub-method-1")) {
            device.onMethod("reboot", payload -> MethodResult.ok("{\"delay\":" + AppJson.MAPPER.readTree(payload).get("delay") + "}"));
            assertThat(device.open()).isTrue();

            CliRun call = CliRun.inDataDir(dataDir, "hub", "method", "hub-method-1", "reboot", "--payload", "{\"delay\":5}", "--timeout", "10");

            assertThat(call.exitCode()).as(call.err()).isZero();
            assertThat(call.out()).contains("status: 200").contains("\"delay\" : 5");
        }
    }

    @Test
    void c2d_queues_a_message_the_device_receives_with_its_properties() {
        provision("hub-c2d-1", newKey());
        CliRun send = CliRun.inDataDir(dataDir, "hub", "c2d", "hub-c2d-1", "hello device", "--property", "kind=greeting");
        assertThat(send.exitCode()).as(send.err()).isZero();
        assertThat(send.out()).startsWith("Queued message ").contains("for 'hub-c2d-1'");

        List<CloudToDeviceMessage> received = new CopyOnWriteArrayList<>();
        try (DeviceClient device = client("hub-c2d-1")) {
            device.onCloudToDeviceMessage(received::add);
            assertThat(device.open()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> !received.isEmpty());
        }
        assertThat(received.get(0).bodyAsString()).isEqualTo("hello device");
        assertThat(received.get(0).properties()).containsEntry("kind", "greeting");
    }

    @Test
    void device_delete_removes_the_identity() {
        provision("hub-delete-1", newKey());

        CliRun delete = CliRun.inDataDir(dataDir, "hub", "device", "delete", "hub-delete-1");

        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("Deleted device 'hub-delete-1'");
        assertThat(CliRun.inDataDir(dataDir, "hub", "device", "show", "hub-delete-1").exitCode()).isEqualTo(1);
    }

    @Test
    void every_hub_command_names_an_unknown_device_in_a_one_line_error() {
        List<String[]> commands = List.of(new String[] {"hub", "device", "show", "no-such-device"},
                new String[] {"hub", "device", "delete", "no-such-device"},
                new String[] {"hub", "twin", "show", "no-such-device"},
                new String[] {"hub", "twin", "set-desired", "no-such-device", "{\"a\":1}"},
                new String[] {"hub", "method", "no-such-device", "reboot", "--timeout", "5"},
                new String[] {"hub", "c2d", "no-such-device", "hello"});
        for (String[] command : commands) {
            CliRun run = CliRun.inDataDir(dataDir, command);
            assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(run.err()).as(String.join(" ", command)).startsWith("error: ").contains("HTTP 404", "no-such-device")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void bad_command_line_input_is_refused_before_calling_the_hub() {
        assertThat(CliRun.inDataDir(dataDir, "hub", "twin", "set-desired", "x", "{not json").err()).contains("the patch is not JSON");
        assertThat(CliRun.inDataDir(dataDir, "hub", "twin", "set-desired", "x", "[1]").err()).contains("must be a JSON object");
        assertThat(CliRun.inDataDir(dataDir, "hub", "method", "x", "m", "--timeout", "1").err()).contains("--timeout must be 5 to 300");
        assertThat(CliRun.inDataDir(dataDir, "telemetry", "tail", "--count", "-1").err()).contains("--count must be 0");
    }

    @Test
    void hub_commands_on_a_server_without_embedded_hub_say_what_to_give(@TempDir Path noHubDir) throws Exception {
        new Endpoints(List.of(), List.of("hub.example.com"), "127.0.0.1", 1, 1, "sqlite", Map.of()).write(noHubDir);

        CliRun run = CliRun.inDataDir(noHubDir, "hub", "device", "list");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("runs no embedded hub").contains("--connection-string");
    }

    private static void provision(String registrationId, String key) {
        CliRun.ok("enrollment", "create", registrationId, "--primary-key", key, "--data-dir", dataDir.toString());
        DeviceRegistrationResult result = ProvisioningDeviceClient.builder().host("localhost").port(server.mqttPort())
                .idScope(server.idScope()).registrationId(registrationId).credential(SymmetricKeyCredential.of(key))
                .trustedCa(TrustedCa.fromPemFile(server.caCertificate())).build().register(Duration.ofSeconds(30));
        assertThat(result.isAssigned()).as(result.toString()).isTrue();
        assertThat(result.assignedHub()).isEqualTo(BerthServer.LOOPBACK_HUB);
        KEYS.put(registrationId, key);
    }

    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The reference sample's client: the assigned hub, the device ID and the key it was provisioned with. */
    private static DeviceClient client(String deviceId) {
        return DeviceClient.builder().hubHostName(BerthServer.LOOPBACK_HUB).port(server.mqttPort()).deviceId(deviceId)
                .credential(SymmetricKeyCredential.of(KEYS.get(deviceId))).trustedCa(TrustedCa.fromPemFile(server.caCertificate()))
                .operationTimeout(Duration.ofSeconds(10)).build();
    }

    private static DeviceClient connect(String deviceId) {
        DeviceClient client = client(deviceId);
        assertThat(client.open()).as(String.valueOf(client.lastError())).isTrue();
        return client;
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
