package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.api.ServiceApiFixture.Reply;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Authorisation, api-version and routing as a client sees them over HTTP. */
class ServiceAuthApiTest extends ServiceApiTestBase {
    private static final long IN_AN_HOUR = System.currentTimeMillis() / 1000 + 3600;

    @Test
    void missing_authorization_is_401000_with_what_to_send() {
        Reply reply = api.call("GET", "/enrollments/dev1").header("Authorization", null).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(401000);
        assertThat(reply.header("x-ms-error-code")).isEqualTo("401000");
        assertThat(reply.message()).isEqualTo("the request has no Authorization header; send a SharedAccessSignature"
                + " made from the service connection string");
        assertThat(api.refusals("unauthorized")).isEqualTo(1);
    }

    @Test
    void token_signed_with_another_key_is_refused() {
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        String token = ServiceApiFixture.token(otherKey, ServiceApiFixture.HOST, IN_AN_HOUR, ServiceApiFixture.POLICY);

        Reply reply = api.call("GET", "/enrollments/dev1").header("Authorization", token).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(401005);
        assertThat(reply.message()).contains("signature does not match", "SharedAccessKey");
        assertThat(api.refusals("sas_signature_mismatch")).isEqualTo(1);
    }

    @Test
    void expired_token_says_by_how_many_seconds() {
        long expiry = System.currentTimeMillis() / 1000 - 120;
        String token = ServiceApiFixture.token(ServiceApiFixture.KEY, ServiceApiFixture.HOST, expiry, ServiceApiFixture.POLICY);

        Reply reply = api.call("GET", "/enrollments/dev1").header("Authorization", token).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(401001);
        assertThat(reply.message()).containsPattern("expired 1(19|2\\d) seconds ago");
        assertThat(api.refusals("sas_token_expired")).isEqualTo(1);
    }

    @Test
    void token_for_another_policy_is_refused() {
        String token = ServiceApiFixture.token(ServiceApiFixture.KEY, ServiceApiFixture.HOST, IN_AN_HOUR, "registryRead");

        Reply reply = api.call("GET", "/enrollments/dev1").header("Authorization", token).send();

        assertThat(reply.errorCode()).isEqualTo(401020);
        assertThat(reply.message()).contains("registryRead", "provisioningserviceowner");
        assertThat(api.refusals("sas_policy_unknown")).isEqualTo(1);
    }

    @Test
    void token_for_another_host_is_refused_but_the_dialled_host_with_port_is_accepted() {
        String elsewhere = ServiceApiFixture.token(ServiceApiFixture.KEY, "other.example.com", IN_AN_HOUR,
                ServiceApiFixture.POLICY);
        // the Node SDK signs sr exactly as the connection string's HostName, port included, not encoded
        String dialled = ServiceApiFixture.token(ServiceApiFixture.KEY, "LOCALHOST:8443", IN_AN_HOUR,
                ServiceApiFixture.POLICY);

        Reply refused = api.call("GET", "/enrollments/dev1").header("Authorization", elsewhere).send();
        Reply accepted = api.call("GET", "/enrollments/dev1").header("Authorization", dialled).send();

        assertThat(refused.errorCode()).isEqualTo(401004);
        assertThat(refused.message()).contains("other.example.com", ServiceApiFixture.HOST);
        assertThat(accepted.errorCode()).isEqualTo(404201);
    }

    @Test
    void garbage_authorization_is_a_malformed_token() {
        Reply reply = api.call("GET", "/enrollments/dev1").header("Authorization", "Bearer abc").send();

        assertThat(reply.errorCode()).isEqualTo(401003);
        assertThat(reply.message()).contains("SharedAccessSignature");
    }

    @Test
    void unknown_api_version_is_refused_and_a_missing_one_is_accepted() {
        Reply unknown = api.get("/enrollments/dev1?api-version=2020-01-01");
        Reply missing = api.get("/enrollments/dev1?");
        Reply newest = api.get("/enrollments/dev1?api-version=2026-04-01");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.errorCode()).isEqualTo(400020);
        assertThat(unknown.message()).contains("2020-01-01", "2021-10-01", "2019-03-31");
        assertThat(missing.errorCode()).isEqualTo(404201);
        assertThat(newest.errorCode()).isEqualTo(404201);
    }

    @Test
    void unknown_path_under_the_api_is_404_with_body_and_other_routes_stay_untouched() {
        Reply unknown = api.get("/enrollments/dev1/secrets");
        Reply other = api.call("GET", "/other").header("Authorization", null).send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo(404000);
        assertThat(unknown.message()).contains("/enrollments/dev1/secrets");
        assertThat(unknown.header("x-ms-request-id")).isNotEmpty();
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).isEqualTo("other route");
    }

    @Test
    void wrong_method_is_405_with_body() {
        Reply reply = api.call("PATCH", "/enrollments/dev1").body("{}").send();

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo(405000);
        assertThat(reply.header("Allow")).isEqualTo("DELETE, GET, PUT");
    }
}
