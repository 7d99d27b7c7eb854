package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.it.interop.node.NodeProcess;
import dev.berth.it.interop.node.NodeProvisioning;
import dev.berth.it.interop.node.NodeScripts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Node.js SDKs end to end against Berth: each device provisions with azure-iot-provisioning-device
 * over MQTT, then runs azure-iot-device over MQTT against the assigned hub ({@code GatewayHostName=localhost:port},
 * Berth's CA through {@code setOptions({ca})}): telemetry with properties, twin get and reported patch, then a
 * desired patch and a direct method this test sends through the hub's service API.
 */
class NodeDeviceSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static HubTestBed bed;

    @BeforeAll
    static void start() {
        NodeScripts.assumeAvailable();
        bed = new HubTestBed(dir);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    /** Provisions with the Node DPS SDK and returns the device connection string the SDK's samples build from the result. */
    private static String provisionWithNode(String registrationId, String key) {
        bed.enroll(registrationId, key);
        NodeScripts.Outcome outcome = NodeProvisioning.register(bed.caCertificate(), "mqtt", "localhost:" + bed.mqttPort(),
                bed.idScope(), registrationId, NodeProvisioning.key(key), null);
        assertThat(outcome.exitCode()).as(outcome.transcript()).isZero();
        assertThat(outcome.json().path("assignedHub").asText()).isEqualTo(HubTestBed.HUB);
        return "HostName=" + outcome.json().path("assignedHub").asText() + ";DeviceId=" + outcome.json().path("deviceId").asText()
                + ";SharedAccessKey=" + key + ";GatewayHostName=localhost:" + bed.mqttPort();
    }

    private static NodeProcess startHubDevice(String connectionString) {
        return NodeScripts.start("hub.js", bed.caCertificate(), List.of("--connection-string", connectionString,
                "--ca", bed.caCertificate().toString(), "--timeout", String.valueOf(TIMEOUT.toSeconds())));
    }

    @Test
    void node_devices_send_telemetry_use_their_twin_and_answer_methods() throws Exception {
        List<String> ids = List.of("node-hub-device-0", "node-hub-device-1");
        List<NodeProcess> devices = new ArrayList<>();
        try {
            for (String id : ids) {
                devices.add(startHubDevice(provisionWithNode(id, HubTestBed.newKey())));
            }
            for (int i = 0; i < ids.size(); i++) {
                driveAndCheck(ids.get(i), devices.get(i), i);
            }
        } finally {
            devices.forEach(NodeProcess::close);
        }
    }

    private static void driveAndCheck(String id, NodeProcess device, int n) throws Exception {
        JsonNode ready = device.nextJson(TIMEOUT);
        assertThat(ready.path("ready").asBoolean()).as(device.toString()).isTrue();

        HttpResponse<String> patched = bed.service("PATCH", "/twins/" + id, "{\"properties\":{\"desired\":{\"interval\":" + (30 + n) + "}}}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        HttpResponse<String> called = bed.service("POST", "/twins/" + id + "/methods",
                "{\"methodName\":\"double\",\"payload\":" + (21 + n) + ",\"responseTimeoutInSeconds\":20}");
        assertThat(called.statusCode()).as(called.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(called.body());
        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.at("/payload/result").asInt()).isEqualTo(2 * (21 + n));

        JsonNode result = device.nextJson(TIMEOUT);
        assertThat(device.awaitExit(Duration.ofSeconds(15))).as(device.toString()).isZero();
        assertThat(result.at("/twin/reported/$version").isNumber()).as(device.toString()).isTrue();
        assertThat(result.at("/reportedAfterUpdate/firmware").asText()).as(device.toString()).isEqualTo("node-1.0");
        assertThat(result.at("/desired/interval").asInt()).as(device.toString()).isEqualTo(30 + n);
        assertThat(result.at("/method/name").asText()).isEqualTo("double");
        assertThat(result.at("/method/payload").asInt()).isEqualTo(21 + n);

        List<TelemetryMessage> stored = bed.hub().store().telemetryAfter(0, id, 10);
        assertThat(stored).hasSize(1);
        TelemetryMessage message = stored.get(0);
        assertThat(JSON.readTree(new String(message.payload(), StandardCharsets.UTF_8)))
                .isEqualTo(JSON.readTree("{\"temperature\":21.5,\"sdk\":\"node\"}"));
        assertThat(message.systemProperties()).containsEntry("$.ct", "application/json").containsEntry("$.ce", "utf-8")
                .containsEntry("$.mid", result.at("/telemetry/messageId").asText());
        assertThat(message.applicationProperties()).containsEntry("harness", "node").containsEntry("sequence", "1");

        JsonNode serviceTwin = JSON.readTree(bed.service("GET", "/twins/" + id, null).body());
        assertThat(serviceTwin.at("/properties/reported/firmware").asText()).isEqualTo("node-1.0");
        assertThat(serviceTwin.at("/properties/reported/sdk").asText()).isEqualTo("azure-iot-device");
        assertThat(serviceTwin.at("/properties/desired/interval").asInt()).isEqualTo(30 + n);
    }

    @Test
    void wrong_device_key_is_refused_when_the_client_opens() {
        String id = "node-hub-wrong-key";
        String connectionString = provisionWithNode(id, HubTestBed.newKey()).replaceAll("SharedAccessKey=[^;]+",
                "SharedAccessKey=" + HubTestBed.newKey());
        try (NodeProcess device = startHubDevice(connectionString)) {
            JsonNode result = device.nextJson(TIMEOUT);
            assertThat(device.awaitExit(Duration.ofSeconds(15))).as(device.toString()).isEqualTo(1);
            assertThat(result.path("stage").asText()).as(device.toString()).isEqualTo("open");
            assertThat(result.path("errorName").asText()).as(device.toString()).isEqualTo("UnauthorizedError");
        }
    }
}
