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

/**
 * DPS over MQTT over WebSocket on the HTTPS port: every path the SDKs request, the subprotocol in any case
 * and echoed as offered, refusals explained on the response topic as over TCP, and upgrades without the
 * subprotocol refused with a reason.
 */
class DpsMqttOverWebSocketTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @TempDir
    static Path dir;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        berth.enrollGroup("ws-group", GROUP_KEY, null, "enabled");
        berth.enroll("ws-individual", KEY, null);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static String token(String key, String regId) {
        return SharedAccessSignatures.createToken(key, berth.idScope() + "/registrations/" + regId,
                Instant.now().plusSeconds(3600).getEpochSecond(), "registration");
    }

    @ParameterizedTest(name = "{0} path /{1} ?{2} subprotocol {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Node and C|$iothub/websocket|-|mqtt",
            "C (upper-case subprotocol)|$iothub/websocket|-|MQTT",
            "Java DPS (Paho)|mqtt|-|mqtt",
            "C#|''|-|mqtt",
            "Java hub with SAS|$iothub/websocket|iothub-no-client-cert=true|mqtt"})
    void group_device_is_assigned_over_websocket(String sdk, String path, String query, String subprotocol) throws Exception {
        String regId = "ws-" + sdk.replaceAll("[^A-Za-z]", "").toLowerCase() + "-" + subprotocol;
        String deviceKey = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        try (RawDpsDevice device = RawDpsDevice.overWebSocket(berth.httpsPort(), berth.trustManagerFactory(), regId,
                path == null ? "" : path, query == null ? "" : query, subprotocol)) {
            assertThat(device.connect(DpsUsername.format(berth.idScope(), regId, "test"), token(deviceKey, regId), true)
                    .isSessionPresent()).isFalse();
            device.subscribe();
            var accepted = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1",
                    "{\"registrationId\":\"" + regId + "\",\"payload\":{\"a\":1}}", MqttQos.AT_LEAST_ONCE);
            assertThat(accepted.topic()).isEqualTo("$dps/registrations/res/202/?$rid=1&retry-after=1");
            String operationId = accepted.body().get("operationId").asText();
            var done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=" + operationId,
                    "", MqttQos.AT_LEAST_ONCE);
            assertThat(done.topic()).isEqualTo("$dps/registrations/res/200/?$rid=2");
            JsonNode state = done.body().get("registrationState");
            assertThat(state.get("status").asText()).isEqualTo("assigned");
            assertThat(state.get("assignedHub").asText()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
            assertThat(state.at("/symmetricKey/enrollmentGroupId").asText()).isEqualTo("ws-group");
        }
    }

    @Test
    void wrong_key_is_explained_on_the_response_topic_as_over_tcp() throws Exception {
        String wrongKey = SharedAccessSignatures.deriveDeviceKey(KEY, "other");
        try (RawDpsDevice device = RawDpsDevice.overWebSocket(berth.httpsPort(), berth.trustManagerFactory(), "ws-individual",
                "mqtt", "", "mqtt")) {
            device.connect(DpsUsername.format(berth.idScope(), "ws-individual", "test"), token(wrongKey, "ws-individual"), true);
            device.subscribe();
            var answer = device.request("$dps/registrations/PUT/iotdps-register/?$rid=7", "", MqttQos.AT_LEAST_ONCE);
            assertThat(answer.topic()).isEqualTo("$dps/registrations/res/401/?$rid=7");
            assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401005);
            assertThat(answer.body().get("message").asText()).contains("does not match the primary or secondary key", "ws-individual");
        }
        assertThat(berth.refusals("sas_signature_mismatch", "mqtt-ws")).isPositive();
    }

    private static String upgrade(String path, String subprotocolHeader) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                + (subprotocolHeader == null ? "" : "Sec-WebSocket-Protocol: " + subprotocolHeader + "\r\n") + "\r\n";
    }

    @ParameterizedTest(name = "offered ''{0}'' → ''{1}''")
    @CsvSource({"MQTT,MQTT", "mqtt,mqtt", "Mqtt,Mqtt", "'wamp, MqTt',MqTt"})
    void subprotocol_is_echoed_exactly_as_offered_and_deflate_is_not_negotiated(String offered, String echoed) throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            RawHttps.Response response = raw.exchange(upgrade("/$iothub/websocket?x=1", offered));
            assertThat(response.status()).isEqualTo(101);
            assertThat(response.header("Sec-WebSocket-Protocol")).isEqualTo(echoed);
            assertThat(response.header("Sec-WebSocket-Extensions")).isNull();
        }
    }

    @ParameterizedTest(name = "offered {0}")
    @CsvSource(nullValues = "-", value = {"-", "wamp", "'mqttv3.1, chat'"})
    void upgrade_without_the_mqtt_subprotocol_is_refused_with_a_reason(String offered) throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            RawHttps.Response response = raw.exchange(upgrade("/mqtt", offered));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("x-ms-error-code")).isEqualTo("400000");
            JsonNode body = HttpsDevice.JSON.readTree(response.body());
            assertThat(body.get("errorCode").asInt()).isEqualTo(400000);
            assertThat(body.get("message").asText()).contains("Sec-WebSocket-Protocol: mqtt");
        }
    }

    /**
     * Paho MQTT for Python (under the official Azure IoT Python SDK) answers the server's keep-alive ping with an
     * unmasked pong; refusing it closed every Python WebSocket device at the first ping, 60 s in.
     */
    @Test
    void an_unmasked_pong_as_paho_for_python_sends_it_keeps_the_websocket_open() throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            assertThat(raw.exchange(upgrade("/$iothub/websocket", "mqtt")).status()).isEqualTo(101);

            raw.sendBytes((byte) 0x8A, (byte) 0x00); // FIN + pong, mask bit 0, empty payload
            raw.sendBytes((byte) 0x89, (byte) 0x80, (byte) 0x01, (byte) 0x02, (byte) 0x03, (byte) 0x04); // masked ping

            assertThat(raw.readBytes(2)).as("the server's pong to our ping: still open").containsExactly(0x8A, 0x00);
        }
    }

    @Test
    void plain_requests_on_websocket_paths_still_reach_the_router() throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            assertThat(raw.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n").status()).isEqualTo(200);
            assertThat(raw.exchange("GET /mqtt HTTP/1.1\r\nHost: localhost\r\n\r\n").status()).isEqualTo(404);
        }
    }
}
