package dev.berth.it;

import static dev.berth.it.HttpsDevice.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the HTTPS device API: the device gets the HTTP status, the DPS error code (body and
 * {@code x-ms-error-code}) and a message that says what to fix; the operator gets the refusal counted with
 * transport {@code https}. Also the requests SDKs send that a strict server would wrongly refuse.
 */
class DpsHttpsRefusalsTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String REG = "https-refusals";

    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static HttpsDevice device;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        berth.enroll(REG, KEY, null);
        device = new HttpsDevice(berth);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private HttpResponse<String> register(String authorization, String body) throws Exception {
        return device.send("PUT", device.base(REG) + "/register?api-version=2019-03-31", authorization, body);
    }

    private String body() {
        return "{\"registrationId\":\"" + REG + "\"}";
    }

    @Test
    void request_without_authorization_is_told_to_send_a_sas_token() throws Exception {
        assertRefused(register(null, body()), 401, 401000, "send a SharedAccessSignature token",
                berth.idScope() + "/registrations/" + REG, "Authorization header");
        assertThat(berth.refusals("unauthorized", "https")).isPositive();
    }

    @Test
    void malformed_authorization_is_refused_as_malformed_sas() throws Exception {
        assertRefused(register("Bearer abc.def", body()), 401, 401003, "malformed SAS token");
    }

    @Test
    void wrong_key_is_refused_and_names_the_enrollment() throws Exception {
        String wrongKey = SharedAccessSignatures.deriveDeviceKey(KEY, "other");
        assertRefused(register(device.token(wrongKey, REG), body()), 401, 401005,
                "does not match the primary or secondary key", REG);
        assertThat(berth.refusals("sas_signature_mismatch", "https")).isPositive();
    }

    @Test
    void token_for_another_registration_is_refused() throws Exception {
        assertRefused(register(device.token(KEY, "someone-else"), body()), 401, 401004, "someone-else");
    }

    @Test
    void wrong_id_scope_is_refused_like_over_mqtt() throws Exception {
        HttpResponse<String> response = device.send("PUT", device.root() + "/0ne00000000/registrations/" + REG
                + "/register?api-version=2019-03-31", device.token(KEY, REG), body());
        assertRefused(response, 401, 401007, "the ID scope '0ne00000000' is not served here");
    }

    @Test
    void wrong_method_is_refused_with_405_and_allow_header() throws Exception {
        HttpResponse<String> response = device.send("DELETE", device.base(REG) + "/register?api-version=2019-03-31",
                device.token(KEY, REG), null);
        assertRefused(response, 405, 405000, "DELETE is not allowed", "use PUT");
        assertThat(response.headers().firstValue("allow")).hasValue("PUT");
        HttpResponse<String> getOnLookup = device.send("GET", device.base(REG) + "?api-version=2019-03-31", device.token(KEY, REG), null);
        assertRefused(getOnLookup, 405, 405000, "use POST");
    }

    @Test
    void unknown_path_under_registrations_is_refused_with_404() throws Exception {
        HttpResponse<String> response = device.send("PUT", device.base(REG) + "/registerme?api-version=2019-03-31",
                device.token(KEY, REG), body());
        assertRefused(response, 404, 404000, "no resource", "/register");
    }

    @Test
    void invalid_json_is_refused_with_400001() throws Exception {
        assertRefused(register(device.token(KEY, REG), "{\"registrationId\":"), 400, 400001, "not valid JSON");
        assertThat(berth.refusals("invalid_json", "https")).isPositive();
    }

    @Test
    void body_over_96_kb_is_refused_with_413_before_it_is_read() throws Exception {
        String big = "{\"registrationId\":\"" + REG + "\",\"payload\":{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}}";
        assertRefused(register(device.token(KEY, REG), big), 413, 413000, "96 KB");
    }

    @Test
    void unsupported_api_version_is_refused_with_the_supported_list() throws Exception {
        HttpResponse<String> response = device.send("PUT", device.base(REG) + "/register?api-version=2017-11-15",
                device.token(KEY, REG), body());
        assertRefused(response, 400, 400020, "'2017-11-15' is not supported", "2019-03-31", "2021-10-01");
    }

    @Test
    void poll_of_an_unknown_operation_is_refused_with_404203() throws Exception {
        HttpResponse<String> response = device.send("GET", device.base(REG) + "/operations/4.0000.nope?api-version=2019-03-31",
                device.token(KEY, REG), null);
        assertRefused(response, 404, 404203, "there is no operation '4.0000.nope'");
    }

    @Test
    void body_naming_another_registration_is_refused() throws Exception {
        assertRefused(register(device.token(KEY, REG), "{\"registrationId\":\"not-me\"}"), 400, 400002, "not-me");
    }

    @Test
    void host_header_without_port_is_tolerated() throws Exception {
        String body = body();
        try (RawHttps raw = RawHttps.connect(berth)) {
            RawHttps.Response response = raw.exchange("PUT /" + berth.idScope() + "/registrations/" + REG
                    + "/register?api-version=2019-03-31 HTTP/1.1\r\n"
                    + "host: localhost\r\n"
                    + "accept: application/json\r\n"
                    + "content-type: application/json; charset=utf-8\r\n"
                    + "AUTHORIZATION: " + device.token(KEY, REG) + "\r\n"
                    + "content-length: " + body.length() + "\r\n"
                    + "connection: close\r\n\r\n" + body);
            assertThat(response.status()).as(response.body()).isEqualTo(202);
            assertThat(response.header("Location")).isEqualTo("https://localhost/" + berth.idScope() + "/registrations/" + REG + "/register");
            JsonNode answer = HttpsDevice.JSON.readTree(response.body());
            assertThat(answer.get("status").asText()).isEqualTo("assigning");
        }
    }

    @Test
    void service_api_paths_are_not_taken_by_the_device_api() throws Exception {
        HttpResponse<String> response = device.send("GET", device.root() + "/registrations/" + REG + "?api-version=2021-10-01",
                device.token(KEY, REG), null);
        // the service API answers (and refuses a device token); the device API would have said 405
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(HttpsDevice.json(response).get("errorCode").asInt()).isNotEqualTo(405000);
    }
}
