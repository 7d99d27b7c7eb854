package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bytes each official SDK sends (sdk-captures.md), replayed by hand, and the answers they need. */
class DpsMqttWireTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @TempDir
    static Path dir;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        berth.enrollGroup("wire-group", GROUP_KEY, null, "enabled");
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static String tokenJavaStyle(String key, String regId) {
        // Java: raw sr, sig, se, then an empty skn
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        String sr = berth.idScope() + "/registrations/" + regId;
        String sig = java.net.URLEncoder.encode(SharedAccessSignatures.hmacBase64(key, sr + "\n" + se), java.nio.charset.StandardCharsets.UTF_8);
        return "SharedAccessSignature sr=" + sr + "&sig=" + sig + "&se=" + se + "&skn=";
    }

    private static String tokenCStyle(String key, String regId) {
        // C: lower-case %2f encoded sr, signed encoded
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        String sr = berth.idScope() + "%2fregistrations%2f" + regId;
        String sig = java.net.URLEncoder.encode(SharedAccessSignatures.hmacBase64(key, sr + "\n" + se), java.nio.charset.StandardCharsets.UTF_8);
        return "SharedAccessSignature sr=" + sr + "&sig=" + sig + "&se=" + se + "&skn=registration";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Java: QoS 0, counter rid, payload as JSON string, clean=0|java-style-01|AT_MOST_ONCE|1|{\"registrationId\":\"java-style-01\",\"payload\":\"{\\\"hello\\\":\\\"harness\\\"}\"}|false|java",
            "Node: QoS 1, uuid rid, payload object, poll body one space|node-style-01|AT_LEAST_ONCE|7f0c3a8e-5d1b-4f0a-9c51-0b8e1c2d3e4f|{\"registrationId\":\"node-style-01\",\"payload\":{\"a\":1}}|true|java",
            "C#: QoS 1, empty body|csharp-style-01|AT_LEAST_ONCE|1|''|true|c",
            "embedded C: rid 1 for every request|embedded-c-01|AT_MOST_ONCE|1|{\"registrationId\":\"embedded-c-01\"}|true|c"})
    void group_device_provisions_with_each_sdks_wire_form(String sdk, String regId, MqttQos qos, String rid, String body,
            boolean clean, String tokenStyle) throws Exception {
        String deviceKey = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        String token = tokenStyle.equals("java") ? tokenJavaStyle(deviceKey, regId) : tokenCStyle(deviceKey, regId);
        String username = berth.idScope() + "/registrations/" + regId + "/api-version=2019-03-31&ClientVersion=2019-03-31";
        try (RawDpsDevice device = new RawDpsDevice(berth.mqttPort(), berth.trustManagerFactory(), regId)) {
            var connAck = device.connect(username, token, clean);
            assertThat(connAck.isSessionPresent()).isFalse();
            device.subscribe();
            var accepted = device.request("$dps/registrations/PUT/iotdps-register/?$rid=" + rid, body.equals("''") ? "" : body, qos);
            assertThat(accepted.topic()).isEqualTo("$dps/registrations/res/202/?$rid=" + rid + "&retry-after=1");
            assertThat(accepted.body().get("status").asText()).isEqualTo("assigning");
            String operationId = accepted.body().get("operationId").asText();
            assertThat(operationId).matches("[a-z0-9.-]+");
            var done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=" + rid + "&operationId=" + operationId,
                    sdk.startsWith("Node") ? " " : "", qos);
            assertThat(done.topic()).isEqualTo("$dps/registrations/res/200/?$rid=" + rid);
            assertAssigned(done.body(), regId, operationId);
            assertThat(done.body().at("/registrationState/symmetricKey/enrollmentGroupId").asText()).isEqualTo("wire-group");
        }
    }

    private static void assertAssigned(JsonNode body, String regId, String operationId) {
        assertThat(body.get("operationId").asText()).isEqualTo(operationId);
        assertThat(body.get("status").asText()).isEqualTo("assigned");
        JsonNode state = body.get("registrationState");
        assertThat(state.get("registrationId").asText()).isEqualTo(regId);
        assertThat(state.get("deviceId").asText()).isEqualTo(regId);
        assertThat(state.get("assignedHub").asText()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(state.get("status").asText()).isEqualTo("assigned");
        assertThat(state.get("substatus").asText()).isEqualTo("initialAssignment");
        assertThat(state.get("createdDateTimeUtc").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(state.get("lastUpdatedDateTimeUtc").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(state.get("etag").asText()).isNotBlank();
        assertThat(state.has("payload")).isFalse();
    }

    @Test
    void hashed_allocation_is_stable_for_a_device() throws Exception {
        String first = provisionAndGetHub("stable-device");
        for (int i = 0; i < 3; i++) {
            assertThat(provisionAndGetHub("stable-device")).isEqualTo(first);
        }
    }

    @Test
    void hashed_allocation_spreads_devices_over_linked_hubs() throws Exception {
        java.util.Set<String> hubs = new java.util.HashSet<>();
        for (int i = 0; i < 12 && hubs.size() < 2; i++) {
            hubs.add(provisionAndGetHub("spread-" + i));
        }
        assertThat(hubs).containsExactlyInAnyOrder(BerthTestServer.HUB, BerthTestServer.HUB_2);
    }

    private String provisionAndGetHub(String regId) throws Exception {
        String deviceKey = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        try (RawDpsDevice device = new RawDpsDevice(berth.mqttPort(), berth.trustManagerFactory(), regId)) {
            device.connect(DpsUsername.format(berth.idScope(), regId, "test"), tokenCStyle(deviceKey, regId), true);
            device.subscribe();
            String op = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "", MqttQos.AT_LEAST_ONCE)
                    .body().get("operationId").asText();
            JsonNode done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=" + op, "",
                    MqttQos.AT_LEAST_ONCE).body();
            return done.at("/registrationState/assignedHub").asText();
        }
    }
}
