package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.it.TestPki;
import dev.berth.it.hub.HubTestBed.Kind;
import dev.berth.it.interop.node.NodeProcess;
import dev.berth.it.interop.node.NodeProvisioning;
import dev.berth.it.interop.node.NodeScripts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Node.js SDKs end to end against Berth, over MQTT and over MQTT over WebSocket, with a SAS key and
 * with a self-signed X.509 certificate: each device provisions with azure-iot-provisioning-device, then runs
 * azure-iot-device against the assigned hub over the same transport (Berth's CA through {@code setOptions({ca})}):
 * telemetry with properties, twin get and reported patch, then a desired patch, a direct method and a
 * cloud-to-device message this test sends through the hub's service API.
 * <p>The ports are the SDKs' defaults, as {@code berth serve} uses them: the WebSocket transports always dial
 * {@code wss://<host>:443/$iothub/websocket}, and with an X.509 connection string the device SDK ignores
 * {@code GatewayHostName} and dials the hub's own name, on 8883 over MQTT. So the hub is {@code 127.0.0.1} (a
 * name that resolves and that the server certificate carries) on 8883 and 443 (CI runs as root, and surefire runs
 * test classes one after another, so no other test holds the ports meanwhile). SAS devices still go through
 * {@code GatewayHostName=localhost[:8883]}, the documented way to reach a hub whose name does not resolve.
 */
class NodeDeviceSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String HUB = "127.0.0.1";

    @TempDir
    static Path dir;
    static HubTestBed bed;

    @BeforeAll
    static void start() {
        NodeScripts.assumeAvailable();
        bed = new HubTestBed(dir, HUB, 8883, 443);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    /** Where the SDKs dial, DPS and hub alike: {@code host:port} over MQTT, the bare host (port 443) over WebSocket. */
    private static String endpoint(String transport) {
        return transport.equals("mqtt-ws") ? "localhost" : "localhost:" + bed.mqttPort();
    }

    /** Registers with the Node DPS SDK over {@code transport}; returns the device ID, checked to be on this hub. */
    private static String registerWithNode(String transport, String registrationId, List<String> credential) {
        NodeScripts.Outcome outcome = NodeProvisioning.register(bed.caCertificate(), transport, endpoint(transport),
                bed.idScope(), registrationId, credential, null);
        assertThat(outcome.exitCode()).as(outcome.transcript()).isZero();
        assertThat(outcome.json().path("assignedHub").asText()).isEqualTo(HUB);
        return outcome.json().path("deviceId").asText();
    }

    /** The device connection string the SDK's samples build from a symmetric-key registration result. */
    private static String provisionWithKey(String transport, String registrationId, String key) {
        bed.enroll(registrationId, key);
        String deviceId = registerWithNode(transport, registrationId, NodeProvisioning.key(key));
        return "HostName=" + HUB + ";DeviceId=" + deviceId + ";SharedAccessKey=" + key + ";GatewayHostName=" + endpoint(transport);
    }

    /** What hub.js needs for a new device of this kind, provisioned over {@code transport}. */
    private static List<String> provisionWithNode(String transport, Kind kind, String registrationId) {
        if (kind == Kind.SAS) {
            return List.of("--connection-string", provisionWithKey(transport, registrationId, HubTestBed.newKey()));
        }
        TestPki.Issued certificate = TestPki.selfSignedDevice(registrationId);
        bed.enroll(registrationId, certificate);
        List<String> files = NodeProvisioning.certificate(dir, certificate, certificate.chain()); // --cert F --key-file F
        String deviceId = registerWithNode(transport, registrationId, files);
        List<String> arguments = new ArrayList<>(List.of("--connection-string", "HostName=" + HUB + ";DeviceId=" + deviceId + ";x509=true"));
        arguments.addAll(files);
        return arguments;
    }

    private static NodeProcess startHubDevice(String transport, List<String> credentialArguments) {
        List<String> arguments = new ArrayList<>(credentialArguments);
        arguments.addAll(List.of("--ca", bed.caCertificate().toString(), "--transport", transport,
                "--timeout", String.valueOf(TIMEOUT.toSeconds())));
        return NodeScripts.start("hub.js", bed.caCertificate(), arguments);
    }

    @ParameterizedTest
    @CsvSource({"mqtt, SAS", "mqtt-ws, SAS", "mqtt, X509", "mqtt-ws, X509"})
    void node_devices_send_telemetry_use_their_twin_answer_methods_and_receive_messages(String transport, Kind kind) throws Exception {
        String prefix = "node-" + transport + "-" + kind.name().toLowerCase() + "-hub-device-";
        List<String> ids = List.of(prefix + 0, prefix + 1);
        List<NodeProcess> devices = new ArrayList<>();
        try {
            for (String id : ids) {
                devices.add(startHubDevice(transport, provisionWithNode(transport, kind, id)));
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
        HttpResponse<String> sent = bed.service("POST", "/devices/" + id + "/messages/devicebound",
                "{\"payload\":\"open valve " + n + "\",\"properties\":{\"priority\":\"high\"},\"messageId\":\"c2d-" + id + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

        JsonNode result = device.nextJson(TIMEOUT);
        assertThat(device.awaitExit(Duration.ofSeconds(15))).as(device.toString()).isZero();
        assertThat(result.at("/twin/reported/$version").isNumber()).as(device.toString()).isTrue();
        assertThat(result.at("/reportedAfterUpdate/firmware").asText()).as(device.toString()).isEqualTo("node-1.0");
        assertThat(result.at("/desired/interval").asInt()).as(device.toString()).isEqualTo(30 + n);
        assertThat(result.at("/method/name").asText()).isEqualTo("double");
        assertThat(result.at("/method/payload").asInt()).isEqualTo(21 + n);
        assertThat(result.at("/cloudMessage/data").asText()).as(device.toString()).isEqualTo("open valve " + n);
        assertThat(result.at("/cloudMessage/messageId").asText()).isEqualTo("c2d-" + id);
        assertThat(result.at("/cloudMessage/properties/priority").asText()).isEqualTo("high");
        // The SDK completed the message (its PUBACK), so the hub no longer holds it for the device.
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.hub().store().pendingMessageCount(id, Instant.now()) == 0);

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

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqtt-ws"})
    void wrong_device_key_is_refused_when_the_client_opens(String transport) {
        String id = "node-" + transport + "-hub-wrong-key";
        String connectionString = provisionWithKey(transport, id, HubTestBed.newKey()).replaceAll("SharedAccessKey=[^;]+",
                "SharedAccessKey=" + HubTestBed.newKey());
        try (NodeProcess device = startHubDevice(transport, List.of("--connection-string", connectionString))) {
            JsonNode result = device.nextJson(TIMEOUT);
            assertThat(device.awaitExit(Duration.ofSeconds(15))).as(device.toString()).isEqualTo(1);
            assertThat(result.path("stage").asText()).as(device.toString()).isEqualTo("open");
            assertThat(result.path("errorName").asText()).as(device.toString()).isEqualTo("UnauthorizedError");
        }
    }
}
