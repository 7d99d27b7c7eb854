package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DPS device API over HTTPS, driven with {@code java.net.http} the way the SDKs send it (sdk-captures.md,
 * "DPS over HTTPS"): register, poll, status lookup, and every refusal with its status, error code and message.
 */
class DpsHttpsApiTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";

    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static HttpsDevice device;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        berth.enrollGroup("https-group", GROUP_KEY, null, "enabled");
        device = new HttpsDevice(berth);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    static String token(String key, String regId) {
        return device.token(key, regId);
    }

    static String base(String regId) {
        return device.base(regId);
    }

    static HttpResponse<String> send(String method, String url, String authorization, String body) throws Exception {
        return device.send(method, url, authorization, body);
    }

    /** Registers, checks the 202 answer's headers, polls Node-style (GET with "{}") and returns the 200 body. */
    static JsonNode registerAndPoll(String regId, String key, String body) throws Exception {
        HttpResponse<String> accepted = send("PUT", base(regId) + "/register?api-version=2019-03-31", token(key, regId), body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("retry-after")).hasValue("1");
        assertThat(accepted.headers().firstValue("location")).hasValue(base(regId) + "/register");
        assertThat(accepted.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(accepted.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(HttpsDevice.json(accepted).get("status").asText()).isEqualTo("assigning");
        String operationId = HttpsDevice.json(accepted).get("operationId").asText();
        HttpResponse<String> done = send("GET", base(regId) + "/operations/" + operationId + "?api-version=2019-03-31",
                token(key, regId), "{}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(done.headers().firstValue("retry-after")).isEmpty();
        JsonNode result = HttpsDevice.json(done);
        assertThat(result.get("operationId").asText()).isEqualTo(operationId);
        assertThat(result.get("status").asText()).isEqualTo("assigned");
        assertThat(result.at("/registrationState/registrationId").asText()).isEqualTo(regId);
        assertThat(result.at("/registrationState/assignedHub").asText()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(result.at("/registrationState/deviceId").asText()).isEqualTo(regId);
        return result;
    }

    @Test
    void individual_key_device_is_assigned_over_https() throws Exception {
        berth.enroll("https-individual", KEY, null);
        JsonNode result = registerAndPoll("https-individual", KEY,
                "{\"registrationId\":\"https-individual\",\"payload\":{\"modelId\":\"dtmi:berth:x;1\"}}");
        assertThat(result.at("/registrationState/substatus").asText()).isEqualTo("initialAssignment");
    }

    @Test
    void group_key_device_with_java_style_string_payload_is_assigned_over_https() throws Exception {
        String regId = "https-group-device";
        JsonNode result = registerAndPoll(regId, SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId),
                "{\"registrationId\":\"" + regId + "\",\"payload\":\"{\\\"hello\\\":\\\"harness\\\"}\"}");
        assertThat(result.at("/registrationState/symmetricKey/enrollmentGroupId").asText()).isEqualTo("https-group");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2019-03-31", "2021-06-01", "2021-10-01", "2025-07-01-preview", "2026-04-01"})
    void every_device_api_version_is_accepted(String apiVersion) throws Exception {
        String regId = "https-version-" + apiVersion.replace('-', '.');
        String key = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        HttpResponse<String> accepted = send("PUT", base(regId) + "/register?api-version=" + apiVersion + "&forceRegistration=true",
                token(key, regId), "{\"registrationId\":\"" + regId + "\"}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    @Test
    void curl_style_content_encoding_and_empty_body_are_tolerated() throws Exception {
        String regId = "https-curl-style";
        String key = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(regId) + "/register?api-version=2021-06-01"))
                .header("Content-Type", "application/json").header("Content-Encoding", "utf-8")
                .header("Authorization", token(key, regId))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"registrationId\":\"" + regId + "\"}")).build();
        HttpResponse<String> accepted = device.send(request);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        HttpResponse<String> emptyBody = send("PUT", base(regId) + "/register?api-version=2019-03-31", token(key, regId), null);
        assertThat(emptyBody.statusCode()).as(emptyBody.body()).isEqualTo(202);
    }

    @Test
    void status_lookup_answers_the_stored_registration_unwrapped() throws Exception {
        String regId = "https-lookup";
        String key = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
        HttpResponse<String> before = send("POST", base(regId) + "?api-version=2019-03-31", token(key, regId),
                "{\"registrationId\":\"" + regId + "\"}");
        HttpsDevice.assertRefused(before, 404, 404202, "has not registered yet");
        String hub = registerAndPoll(regId, key, "").at("/registrationState/assignedHub").asText();
        HttpResponse<String> after = send("POST", base(regId) + "?api-version=2019-03-31", token(key, regId),
                "{\"registrationId\":\"" + regId + "\"}");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        JsonNode state = HttpsDevice.json(after);
        assertThat(state.has("operationId")).isFalse();
        assertThat(state.get("registrationId").asText()).isEqualTo(regId);
        assertThat(state.get("status").asText()).isEqualTo("assigned");
        assertThat(state.get("assignedHub").asText()).isEqualTo(hub);
        assertThat(state.at("/symmetricKey/enrollmentGroupId").asText()).isEqualTo("https-group");
    }
}
