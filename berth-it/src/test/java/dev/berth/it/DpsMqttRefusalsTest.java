package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of issue 2 over MQTT: the device gets the DPS error code and a message that says what to
 * fix, the operator gets a metric by reason, and the server keeps serving everyone else.
 */
class DpsMqttRefusalsTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String OTHER_KEY = SharedAccessSignatures.deriveDeviceKey(KEY, "other");
    static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?$rid=1";

    @TempDir
    static Path dir;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        berth.enroll("known-device", KEY, null);
        berth.store().putEnrollment(BerthTestServer.individual("disabled-device", KEY, null, "disabled", null), null);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private RawDpsDevice device(String clientId) {
        return new RawDpsDevice(berth.mqttPort(), berth.trustManagerFactory(), clientId);
    }

    private String username(String scope, String regId) {
        return DpsUsername.format(scope, regId, "test");
    }

    private String token(String key, String scope, String regId, long expiry) {
        return SharedAccessSignatures.createToken(key, scope + "/registrations/" + regId, expiry, "registration");
    }

    private long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    private RawDpsDevice.Answer registerWith(String clientId, String username, String password) throws Exception {
        try (RawDpsDevice device = device(clientId)) {
            device.connect(username, password, true);
            device.subscribe();
            return device.request(REGISTER, "{\"registrationId\":\"" + clientId + "\"}", MqttQos.AT_LEAST_ONCE);
        }
    }

    @Test
    void wrong_key_is_refused_with_401_and_names_the_enrollment() throws Exception {
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"),
                token(OTHER_KEY, berth.idScope(), "known-device", inAnHour()));
        assertThat(answer.topic()).isEqualTo("$dps/registrations/res/401/?$rid=1");
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401005);
        assertThat(answer.body().get("message").asText()).contains("does not match the primary or secondary key", "known-device");
        assertThat(answer.body().get("trackingId").asText()).isNotBlank();
        assertThat(berth.refusals("sas_signature_mismatch")).isPositive();
    }

    @Test
    void expired_token_says_how_far_the_device_clock_is_off() throws Exception {
        long expiredTenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"),
                token(KEY, berth.idScope(), "known-device", expiredTenMinutesAgo));
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401001);
        assertThat(answer.body().get("message").asText()).contains("expired").containsPattern("(59\\d|60\\d) s");
    }

    @Test
    void token_for_another_registration_id_is_refused() throws Exception {
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"),
                token(KEY, berth.idScope(), "someone-else", inAnHour()));
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401004);
        assertThat(answer.body().get("message").asText()).contains("someone-else", "known-device");
    }

    @Test
    void token_for_another_scope_is_refused() throws Exception {
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"),
                token(KEY, "0ne99999999", "known-device", inAnHour()));
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401004);
    }

    @Test
    void wrong_id_scope_in_username_is_refused() throws Exception {
        var answer = registerWith("known-device", username("0ne99999999", "known-device"),
                token(KEY, "0ne99999999", "known-device", inAnHour()));
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401007);
        assertThat(answer.body().get("message").asText()).contains("0ne99999999", "berth info");
    }

    @Test
    void unknown_registration_id_is_refused_with_404() throws Exception {
        var answer = registerWith("nobody", username(berth.idScope(), "nobody"), token(KEY, berth.idScope(), "nobody", inAnHour()));
        assertThat(answer.topic()).startsWith("$dps/registrations/res/404/");
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(404201);
        assertThat(answer.body().get("message").asText()).contains("no individual enrollment", "nobody");
    }

    @Test
    void client_id_different_from_registration_id_is_refused() throws Exception {
        var answer = registerWith("impostor", username(berth.idScope(), "known-device"), token(KEY, berth.idScope(), "known-device", inAnHour()));
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401008);
        assertThat(answer.body().get("message").asText()).contains("impostor", "known-device");
    }

    @Test
    void malformed_username_is_refused_with_an_explanation() throws Exception {
        var answer = registerWith("known-device", berth.idScope() + "/registrations/known-device", token(KEY, berth.idScope(), "known-device", inAnHour()));
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(400000);
        assertThat(answer.body().get("message").asText()).contains("api-version");
    }

    @Test
    void username_of_another_kind_is_refused_at_connack() {
        try (RawDpsDevice device = device("known-device")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> device.connect("hub.example.com/known-device/?api-version=2021-04-12", "x", true))
                    .isInstanceOf(Mqtt3ConnAckException.class);
        }
    }

    @Test
    void malformed_token_is_refused() throws Exception {
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"), "not a token");
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401003);
        assertThat(answer.body().get("message").asText()).contains("SharedAccessSignature");
    }

    @Test
    void missing_password_and_missing_certificate_is_refused() throws Exception {
        var answer = registerWith("known-device", username(berth.idScope(), "known-device"), null);
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401002);
        assertThat(answer.body().get("message").asText()).contains("neither a SAS token nor a TLS client certificate");
    }

    @Test
    void refused_connection_is_closed_after_its_explanation() throws Exception {
        try (RawDpsDevice device = device("known-device")) {
            device.connect(username(berth.idScope(), "known-device"), token(OTHER_KEY, berth.idScope(), "known-device", inAnHour()), true);
            device.subscribe();
            device.request(REGISTER, "", MqttQos.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(5)).until(() -> !device.isConnected());
        }
    }

    /** Seen with the official C SDK, which disconnects as soon as it has its 401: the server's close timers outlived it. */
    @Test
    void a_refused_device_that_disconnects_itself_is_not_logged_or_counted_as_closed_by_the_server(@TempDir Path own) throws Exception {
        try (BerthTestServer quiet = BerthTestServer.start(own)) {
            quiet.enroll("leaving-device", KEY, null);
            try (RawDpsDevice device = new RawDpsDevice(quiet.mqttPort(), quiet.trustManagerFactory(), "leaving-device")) {
                device.connect(username(quiet.idScope(), "leaving-device"), token(OTHER_KEY, quiet.idScope(), "leaving-device", inAnHour()), true);
                device.subscribe();
                assertThat(device.request(REGISTER, "", MqttQos.AT_LEAST_ONCE).topic()).startsWith("$dps/registrations/res/401/");
            }
            Thread.sleep(2_500); // past the server's close-after-refusal timer

            assertThat(quiet.disconnects()).as("the device closed the connection, not the server").isEmpty();
            assertThat(quiet.refusals("sas_signature_mismatch")).as("the refusal itself is still counted").isEqualTo(1);
        }
    }

    @Test
    void disabled_enrollment_completes_with_status_disabled_and_a_reason() throws Exception {
        try (RawDpsDevice device = device("disabled-device")) {
            device.connect(username(berth.idScope(), "disabled-device"), token(KEY, berth.idScope(), "disabled-device", inAnHour()), true);
            device.subscribe();
            var accepted = device.request(REGISTER, "", MqttQos.AT_LEAST_ONCE);
            assertThat(accepted.status()).isEqualTo(202);
            String operationId = accepted.body().get("operationId").asText();
            var done = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=" + operationId, "", MqttQos.AT_LEAST_ONCE);
            assertThat(done.topic()).isEqualTo("$dps/registrations/res/200/?$rid=2");
            assertThat(done.body().get("status").asText()).isEqualTo("disabled");
            assertThat(done.body().at("/registrationState/status").asText()).isEqualTo("disabled");
            assertThat(done.body().at("/registrationState/errorCode").asInt()).isEqualTo(401006);
            assertThat(done.body().at("/registrationState/errorMessage").asText()).contains("disabled-device", "provisioningStatus");
        }
    }

    private RawDpsDevice connected(String regId) {
        RawDpsDevice device = device(regId);
        device.connect(username(berth.idScope(), regId), token(KEY, berth.idScope(), regId, inAnHour()), true);
        device.subscribe();
        return device;
    }

    @Test
    void garbage_body_gets_400_and_the_session_keeps_working() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request(REGISTER, "{not json", MqttQos.AT_LEAST_ONCE);
            assertThat(bad.body().get("errorCode").asInt()).isEqualTo(400001);
            assertThat(bad.body().get("message").asText()).contains("not valid JSON");
            var good = device.request("$dps/registrations/PUT/iotdps-register/?$rid=2", "", MqttQos.AT_LEAST_ONCE);
            assertThat(good.status()).isEqualTo(202);
        }
    }

    @Test
    void payload_string_with_invalid_json_is_refused() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request(REGISTER, "{\"registrationId\":\"known-device\",\"payload\":\"{oops\"}", MqttQos.AT_MOST_ONCE);
            assertThat(bad.body().get("errorCode").asInt()).isEqualTo(400001);
            assertThat(bad.body().get("message").asText()).contains("payload string");
        }
    }

    @Test
    void body_naming_another_registration_is_refused() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request(REGISTER, "{\"registrationId\":\"someone-else\"}", MqttQos.AT_LEAST_ONCE);
            assertThat(bad.body().get("errorCode").asInt()).isEqualTo(400002);
        }
    }

    @Test
    void unknown_topic_gets_400_with_the_topics_that_exist() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request("$dps/registrations/POST/whatever/?$rid=77", "", MqttQos.AT_LEAST_ONCE);
            assertThat(bad.topic()).isEqualTo("$dps/registrations/res/400/?$rid=77");
            assertThat(bad.body().get("message").asText()).contains("iotdps-register", "iotdps-get-operationstatus");
        }
    }

    @Test
    void poll_for_unknown_operation_gets_404() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=3&operationId=4.nope.nope", "", MqttQos.AT_LEAST_ONCE);
            assertThat(bad.topic()).isEqualTo("$dps/registrations/res/404/?$rid=3");
            assertThat(bad.body().get("errorCode").asInt()).isEqualTo(404203);
        }
    }

    @Test
    void poll_for_another_devices_operation_gets_404() throws Exception {
        berth.enroll("neighbour", KEY, null);
        String theirs;
        try (RawDpsDevice neighbour = connected("neighbour")) {
            theirs = neighbour.request(REGISTER, "", MqttQos.AT_LEAST_ONCE).body().get("operationId").asText();
        }
        try (RawDpsDevice device = connected("known-device")) {
            var bad = device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=3&operationId=" + theirs, "", MqttQos.AT_LEAST_ONCE);
            assertThat(bad.body().get("errorCode").asInt()).isEqualTo(404203);
            assertThat(bad.body().toString()).doesNotContain(BerthTestServer.HUB);
        }
    }

    @Test
    void payload_over_96_kb_gets_413() throws Exception {
        try (RawDpsDevice device = connected("known-device")) {
            String big = "{\"registrationId\":\"known-device\",\"payload\":{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}}";
            var bad = device.request(REGISTER, big, MqttQos.AT_LEAST_ONCE);
            assertThat(bad.status()).isEqualTo(413);
            assertThat(bad.body().get("message").asText()).contains("96 KB");
        }
    }

    @Test
    void second_connect_with_the_same_client_id_replaces_the_first() throws Exception {
        try (RawDpsDevice first = connected("known-device"); RawDpsDevice second = connected("known-device")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !first.isConnected());
            assertThat(second.request(REGISTER, "", MqttQos.AT_LEAST_ONCE).status()).isEqualTo(202);
        }
    }

    @Test
    void a_connection_with_wrong_credentials_cannot_replace_an_authenticated_one() throws Exception {
        try (RawDpsDevice genuine = connected("known-device"); RawDpsDevice impostor = device("known-device")) {
            impostor.connect(username(berth.idScope(), "known-device"), token(OTHER_KEY, berth.idScope(), "known-device", inAnHour()), true);
            impostor.subscribe();
            assertThat(impostor.request(REGISTER, "", MqttQos.AT_LEAST_ONCE).status()).isEqualTo(401);
            assertThat(genuine.isConnected()).isTrue();
            assertThat(genuine.request(REGISTER, "", MqttQos.AT_LEAST_ONCE).status()).isEqualTo(202);
        }
    }

    @Test
    void qos2_publish_closes_the_connection() {
        try (RawDpsDevice device = connected("known-device")) {
            try {
                device.publish(REGISTER, "", MqttQos.EXACTLY_ONCE);
            } catch (RuntimeException closedWhilePublishing) {
                // the server may close before the client sees PUBREC
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !device.isConnected());
        }
    }
}
