package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.ProvisioningException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceAuthorizerTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final long NOW = 1_700_000_000L;
    private final ServiceAuthorizer authorizer = new ServiceAuthorizer("provisioningserviceowner", KEY,
            List.of("Berth.Example.com", "berth.local:8443"), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void accepts_documented_java_and_node_token_shapes() {
        String encodedLowerCase = SharedAccessSignatures.createToken(KEY, "berth.example.com", NOW + 60, "provisioningserviceowner");
        String nodeRaw = raw("Berth.Example.com:443", NOW + 60, "ProvisioningServiceOwner");
        String withPath = SharedAccessSignatures.createToken(KEY, "berth.local/enrollments", NOW + 60, "provisioningserviceowner");

        assertThatCode(() -> authorizer.authorize(encodedLowerCase, "127.0.0.1:8443")).doesNotThrowAnyException();
        assertThatCode(() -> authorizer.authorize(nodeRaw, null)).doesNotThrowAnyException();
        assertThatCode(() -> authorizer.authorize(withPath, null)).doesNotThrowAnyException();
    }

    @Test
    void accepts_the_host_the_client_dialled() {
        String token = raw("localhost:8443", NOW + 60, "provisioningserviceowner");

        assertThatCode(() -> authorizer.authorize(token, "localhost")).doesNotThrowAnyException();
        assertRefused(() -> authorizer.authorize(token, "other"), DpsErrorCode.SAS_RESOURCE_MISMATCH, "'localhost' (sr)");
    }

    @Test
    void each_failure_has_its_own_code_and_message() {
        assertRefused(() -> authorizer.authorize(null, null), DpsErrorCode.UNAUTHORIZED, "no Authorization header");
        assertRefused(() -> authorizer.authorize("SharedAccessSignature sr=x", null), DpsErrorCode.SAS_TOKEN_MALFORMED, "'sig'");
        assertRefused(() -> authorizer.authorize(raw("berth.example.com", NOW + 60, null), null),
                DpsErrorCode.SAS_POLICY_UNKNOWN, "no policy (skn)");
        assertRefused(() -> authorizer.authorize(raw("berth.example.com", NOW - 90, "provisioningserviceowner"), null),
                DpsErrorCode.SAS_TOKEN_EXPIRED, "expired 90 seconds ago");
        String forged = SharedAccessSignatures.createToken(Base64.getEncoder().encodeToString("another key 1234".getBytes()),
                "berth.example.com", NOW + 60, "provisioningserviceowner");
        assertRefused(() -> authorizer.authorize(forged, null), DpsErrorCode.SAS_SIGNATURE_MISMATCH, "signature");
    }

    @Test
    void bare_host_strips_scheme_port_and_path() {
        assertThat(ServiceAuthorizer.bareHost("HTTPS://Host.Example:443/a/b")).isEqualTo("host.example");
        assertThat(ServiceAuthorizer.bareHost("[::1]:8443")).isEqualTo("[::1]");
    }

    /** Signed the Node SDK's way: sr as given, not encoded. */
    private static String raw(String sr, long expiry, String skn) {
        String sig = SharedAccessSignatures.hmacBase64(KEY, sr + "\n" + expiry);
        return "SharedAccessSignature sr=" + sr + "&sig=" + java.net.URLEncoder.encode(sig, java.nio.charset.StandardCharsets.UTF_8)
                + (skn == null ? "" : "&skn=" + skn) + "&se=" + expiry;
    }

    private static void assertRefused(Runnable call, DpsErrorCode code, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProvisioningException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.clientMessage()).contains(messagePart);
        });
    }
}
