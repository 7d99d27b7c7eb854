package dev.berth.device.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.provisioning.ProxySettings;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.dps.DpsResponseTopic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** HTTP answers read as DPS answers: status and Retry-After into the topic, error bodies kept or built from x-ms-error-code. */
class HttpsAnswersTest {

    private static final ProvisioningSettings SETTINGS = new ProvisioningSettings("dps.example.net", 443, "0ne00000001",
            "dev-1", SymmetricKeyCredential.of("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc="), TrustedCa.systemDefault(),
            ProvisioningTransport.HTTPS, null, Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void accepted_answer_carries_status_rid_and_retry_after() {
        DpsAnswer answer = HttpsAnswers.toAnswer("7", response(202, "{\"operationId\":\"op\",\"status\":\"assigning\"}",
                Map.of("Retry-After", List.of("3"))), SETTINGS);

        DpsResponseTopic topic = DpsResponseTopic.parse(answer.topic());
        assertThat(topic.status()).isEqualTo(202);
        assertThat(topic.rid()).isEqualTo("7");
        assertThat(topic.retryAfterSeconds()).hasValue(3);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("assigning");
    }

    @Test
    void retry_after_as_a_date_counts_as_absent() {
        DpsAnswer answer = HttpsAnswers.toAnswer("1", response(429, "", Map.of("retry-after",
                List.of("Wed, 21 Oct 2015 07:28:00 GMT"))), SETTINGS);

        assertThat(DpsResponseTopic.parse(answer.topic()).retryAfterSeconds()).isEmpty();
    }

    @Test
    void json_error_body_is_passed_on_unchanged() {
        String body = "{\"errorCode\":401005,\"trackingId\":\"t-1\",\"message\":\"signature mismatch\"}";
        DpsAnswer answer = HttpsAnswers.toAnswer("1", response(401, body, Map.of("x-ms-error-code", List.of("401000"))), SETTINGS);

        DeviceRegistrationResult result = RegistrationResults.fromError(401, answer.body(), "dev-1", null);
        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(401005);
        assertThat(result.errorMessage()).isEqualTo("signature mismatch");
        assertThat(result.trackingId()).isEqualTo("t-1");
    }

    @Test
    void non_json_error_body_takes_its_code_from_x_ms_error_code() {
        DpsAnswer answer = HttpsAnswers.toAnswer("1", response(404, "Not Found",
                Map.of("X-MS-Error-Code", List.of("404201"))), SETTINGS);

        DeviceRegistrationResult result = RegistrationResults.fromError(404, answer.body(), "dev-1", null);
        assertThat(result.errorCode()).isEqualTo(404201);
        assertThat(result.errorMessage()).isEqualTo("Not Found (x-ms-error-code 404201)");
    }

    @Test
    void non_numeric_x_ms_error_code_keeps_the_status_family_and_says_what_came() {
        DpsAnswer answer = HttpsAnswers.toAnswer("1", response(401, "<html>denied</html>",
                Map.of("x-ms-error-code", List.of("Unauthorized"))), SETTINGS);

        DeviceRegistrationResult result = RegistrationResults.fromError(401, answer.body(), "dev-1", null);
        assertThat(result.errorCode()).isEqualTo(401000);
        assertThat(result.errorMessage()).isEqualTo("the service answered 401 with x-ms-error-code Unauthorized");
    }

    @Test
    void proxy_asking_for_credentials_is_a_refused_connection_not_a_registration_result() {
        ProvisioningSettings viaProxy = new ProvisioningSettings("dps.example.net", 443, "0ne00000001", "dev-1",
                SETTINGS.credential(), SETTINGS.trustedCa(), ProvisioningTransport.HTTPS,
                ProxySettings.of("proxy.example.net", 3128), SETTINGS.operationTimeout(), SETTINGS.sasTokenLifetime());

        assertThatThrownBy(() -> HttpsAnswers.toAnswer("1", response(407, "", Map.of()), viaProxy))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("proxy proxy.example.net:3128 answered 407")
                .hasMessageContaining("ProxySettings.withCredentials")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.CONNECTION_REFUSED);
    }

    @Test
    void requests_follow_the_dps_rest_paths_with_encoded_segments() {
        HttpRequest register = HttpsRequests.register(SETTINGS, "{}".getBytes(StandardCharsets.UTF_8));
        HttpRequest poll = HttpsRequests.operationStatus(SETTINGS, "4.abc/../x y");

        assertThat(register.method()).isEqualTo("PUT");
        assertThat(register.uri()).hasToString(
                "https://dps.example.net:443/0ne00000001/registrations/dev-1/register?api-version=2019-03-31");
        assertThat(register.headers().firstValue("authorization")).hasValueSatisfying(
                sas -> assertThat(sas).startsWith("SharedAccessSignature sr=0ne00000001%2Fregistrations%2Fdev-1"));
        assertThat(register.headers().firstValue("content-type")).hasValue("application/json; charset=utf-8");
        assertThat(register.headers().firstValue("proxy-authorization")).isEmpty();
        assertThat(poll.method()).isEqualTo("GET");
        assertThat(poll.uri().getRawPath()).isEqualTo("/0ne00000001/registrations/dev-1/operations/4.abc%2F..%2Fx%20y");
    }

    @Test
    void proxy_credentials_go_in_a_utf8_basic_proxy_authorization_header() {
        ProvisioningSettings viaProxy = new ProvisioningSettings("dps.example.net", 443, "0ne00000001", "dev-1",
                SETTINGS.credential(), SETTINGS.trustedCa(), ProvisioningTransport.HTTPS,
                ProxySettings.of("proxy.example.net", 3128).withCredentials("Aladdin", "open sesame"),
                SETTINGS.operationTimeout(), SETTINGS.sasTokenLifetime());

        assertThat(HttpsRequests.register(viaProxy, new byte[0]).headers().firstValue("Proxy-Authorization"))
                .hasValue("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assertThat(HttpsRequests.basic(ProxySettings.of("p", 1).withCredentials("u", "pä"))).isEqualTo("Basic dTpww6Q=");
    }

    private static HttpResponse<byte[]> response(int status, String body, Map<String, List<String>> headers) {
        return new StubResponse(status, body.getBytes(StandardCharsets.UTF_8), HttpHeaders.of(headers, (k, v) -> true));
    }

    /** Only what HttpsAnswers reads: status, headers, body. */
    private record StubResponse(int statusCode, byte[] body, HttpHeaders headers) implements HttpResponse<byte[]> {
        @Override
        public HttpRequest request() {
            return HttpRequest.newBuilder(URI.create("https://dps.example.net/")).build();
        }

        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request().uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
