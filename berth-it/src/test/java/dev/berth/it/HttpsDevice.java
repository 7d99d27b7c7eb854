package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** A device speaking the DPS HTTPS API by hand through {@code java.net.http}, trusting only Berth's CA. */
final class HttpsDevice {
    static final ObjectMapper JSON = new ObjectMapper();

    private final BerthTestServer berth;
    private final HttpClient http;

    HttpsDevice(BerthTestServer berth) {
        this.berth = berth;
        this.http = HttpClient.newBuilder().sslContext(berth.deviceSslContext()).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    String token(String key, String regId) {
        return SharedAccessSignatures.createToken(key, berth.idScope() + "/registrations/" + regId,
                Instant.now().plusSeconds(3600).getEpochSecond(), "registration");
    }

    /** {@code https://localhost:port/{idScope}/registrations/{regId}} */
    String base(String regId) {
        return root() + "/" + berth.idScope() + "/registrations/" + regId;
    }

    String root() {
        return "https://localhost:" + berth.httpsPort();
    }

    HttpResponse<String> send(String method, String url, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").header("Content-Type", "application/json; charset=utf-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** A refusal: status, x-ms-error-code, request ID, and a body with the code, a tracking ID and the message. */
    static void assertRefused(HttpResponse<String> response, int status, int errorCode, String... messageParts) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue(Integer.toString(errorCode));
        assertThat(response.headers().firstValue("x-ms-request-id")).isPresent();
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        JsonNode body = json(response);
        assertThat(body.get("errorCode").asInt()).isEqualTo(errorCode);
        assertThat(body.get("trackingId").asText()).isNotBlank();
        assertThat(body.get("message").asText()).contains(messageParts);
    }
}
