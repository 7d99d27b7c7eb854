package dev.berth.server.api;

import static dev.berth.server.api.TestCertificates.device;
import static dev.berth.server.api.TestCertificates.rootCa;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import dev.berth.server.api.TestCertificates.Issued;
import dev.berth.server.pki.Certificates;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class CaCertificateApiTest extends ServiceApiTestBase {
    final Issued root = rootCa("Berth Test Root");

    private Reply upload(String name, Issued ca) {
        return api.put("/certificates/" + name, "{\"certificate\":" + ca.json() + "}");
    }

    private String generateCode(String name) {
        Reply reply = api.post("/certificates/" + name + "/generateVerificationCode", "");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("properties").path("verificationCode").asText();
    }

    private Reply verify(String name, Issued proof) {
        return api.post("/certificates/" + name + "/verify", "{\"certificate\":" + proof.json() + "}");
    }

    @Test
    void upload_answers_the_management_api_resource_unverified() {
        Reply reply = upload("Root-1", root);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("name").asText()).isEqualTo("Root-1");
        assertThat(body.path("etag").asText()).isNotEmpty().isEqualTo(reply.header("ETag"));
        JsonNode properties = body.path("properties");
        assertThat(properties.path("subject").asText()).contains("CN=Berth Test Root");
        assertThat(properties.path("expiry").asText()).isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME
                .format(root.certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC)));
        assertThat(properties.path("thumbprint").asText()).isEqualTo(Certificates.sha1Thumbprint(root.certificate()));
        assertThat(properties.path("sha256Thumbprint").asText()).isEqualTo(Certificates.sha256Thumbprint(root.certificate()));
        assertThat(properties.path("isVerified").isBoolean()).isTrue();
        assertThat(properties.path("isVerified").asBoolean()).isFalse();
        assertThat(properties.path("created").asText()).endsWith("GMT");
        assertThat(properties.path("updated").asText()).endsWith("GMT");
        assertThat(properties.path("certificate").asText()).isEqualTo(root.pem());
        assertThat(properties.has("verificationCode")).isFalse();

        assertThat(api.get("/CERTIFICATES/root-1").json()).isEqualTo(body);
        Reply list = api.get("/certificates");
        assertThat(list.json().path("value")).hasSize(1);
        assertThat(list.json().path("value").get(0)).isEqualTo(body);
    }

    @Test
    void full_proof_of_possession_flow_verifies_the_ca() {
        upload("root", root);
        String code = generateCode("root");
        assertThat(code).matches("[0-9A-F]{48}");
        assertThat(api.get("/certificates/root").json().path("properties").path("isVerified").asBoolean()).isFalse();

        Reply verified = verify("root", device(code, root));

        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("properties").path("isVerified").asBoolean()).isTrue();
        assertThat(api.get("/certificates/root").json().path("properties").path("isVerified").asBoolean()).isTrue();
        assertThat(api.store.findCaCertificate("root").orElseThrow().verificationCode()).as("the code is used up").isNull();
        Reply again = verify("root", device(code, root));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.message()).contains("no verification code has been generated");
    }

    @Test
    void a_new_verification_code_replaces_the_previous_one() {
        upload("root", root);
        String first = generateCode("root");
        String second = generateCode("root");

        Reply stale = verify("root", device(first, root));

        assertThat(second).isNotEqualTo(first);
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.message()).contains("expected CN '" + second + "'", "'" + first + "'");
        assertThat(verify("root", device(second, root)).status()).isEqualTo(200);
    }

    @Test
    void proofs_that_do_not_prove_possession_are_refused_with_the_exact_reason() {
        upload("root", root);
        Reply noCode = verify("root", device("anything", root));
        String code = generateCode("root");

        Reply wrongCn = verify("root", device("not-the-code", root));
        Reply wrongSigner = verify("root", device(code, rootCa("Impostor")));
        Reply expired = verify("root", device(code, root, Instant.now().minus(Duration.ofDays(3)), Duration.ofDays(1)));
        Reply garbage = api.post("/certificates/root/verify", "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nAA\\n-----END CERTIFICATE-----\"}");

        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.message()).contains("no verification code has been generated", "generateVerificationCode");
        assertThat(wrongCn.message()).contains("CN is 'not-the-code'", "expected CN '" + code + "'");
        assertThat(wrongSigner.message()).contains("not signed by CA certificate 'root'", "CN=Impostor");
        assertThat(expired.message()).contains("expired on");
        assertThat(garbage.message()).contains("verification certificate", "cannot be read");
        assertThat(api.get("/certificates/root").json().path("properties").path("isVerified").asBoolean()).isFalse();
    }

    @Test
    void is_verified_on_upload_trusts_the_uploader_and_accepts_the_management_api_shape() {
        Reply reply = api.put("/certificates/trusted", "{\"properties\":{\"certificate\":" + root.json() + ",\"isVerified\":true}}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("properties").path("isVerified").asBoolean()).isTrue();
        assertThat(api.store.findCaCertificate("trusted").orElseThrow().verified()).isTrue();
    }

    @Test
    void base64_der_upload_is_accepted_and_the_same_certificate_again_keeps_its_verification() {
        api.put("/certificates/root", "{\"certificate\":\"" + root.base64Der() + "\",\"isVerified\":true}");

        Reply again = api.put("/certificates/root", "{\"certificate\":\"" + root.base64Der() + "\"}");
        Reply replaced = upload("root", rootCa("Another Root"));

        assertThat(again.json().path("properties").path("isVerified").asBoolean()).as(again.toString()).isTrue();
        assertThat(replaced.json().path("properties").path("isVerified").asBoolean()).isFalse();
        assertThat(replaced.json().path("properties").path("subject").asText()).contains("CN=Another Root");
    }

    @Test
    void uploads_that_are_not_a_readable_ca_certificate_are_refused() {
        Reply leaf = upload("leaf", device("some-device", root));
        Reply garbage = api.put("/certificates/bad", "{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nAA\\n-----END CERTIFICATE-----\"}");
        Reply missing = api.put("/certificates/bad", "{\"isVerified\":true}");
        Reply flag = api.put("/certificates/bad", "{\"certificate\":" + root.json() + ",\"isVerified\":\"yes\"}");
        Reply badName = upload("bad%20name", root);

        assertThat(leaf.status()).isEqualTo(400);
        assertThat(leaf.message()).contains("CN=some-device", "not a CA certificate", "basicConstraints CA:true");
        assertThat(garbage.message()).contains("certificate", "cannot be read");
        assertThat(missing.message()).contains("'certificate'", "PEM or base64 DER");
        assertThat(flag.message()).contains("isVerified", "true or false");
        assertThat(badName.message()).contains("CA certificate name 'bad name'", "contains ' '");
        assertThat(api.get("/certificates").json().path("value")).isEmpty();
    }

    @Test
    void the_same_ca_under_a_second_name_is_a_409() {
        upload("first", root);

        Reply second = upload("second", root);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.message()).contains("already registered as CA certificate 'first'");
    }

    @Test
    void a_ca_referenced_by_groups_cannot_be_deleted_and_if_match_is_honoured() {
        String etag = upload("root", root).header("ETag");
        api.put("/enrollmentGroups/g-b", X509EnrollmentApiTest.caReference("root"));
        api.put("/enrollmentGroups/g-a", X509EnrollmentApiTest.caReference("ROOT"));

        Reply referenced = api.delete("/certificates/root");

        assertThat(referenced.status()).isEqualTo(409);
        assertThat(referenced.errorCode()).isEqualTo(409000);
        assertThat(referenced.message()).contains("g-a, g-b");
        api.delete("/enrollmentGroups/g-a");
        api.delete("/enrollmentGroups/g-b");
        String newEtag = api.post("/certificates/root/generateVerificationCode", "").header("ETag");
        assertThat(api.call("DELETE", "/certificates/root").header("If-Match", etag).send().status()).isEqualTo(412);
        assertThat(api.call("DELETE", "/certificates/root").header("If-Match", newEtag).send().status()).isEqualTo(204);
        assertThat(api.get("/certificates/root").status()).isEqualTo(404);
        assertThat(api.delete("/certificates/root").status()).isEqualTo(404);
    }

    @Test
    void unknown_certificate_and_wrong_methods_are_refused() {
        Reply unknown = api.get("/certificates/nobody");
        Reply code = api.post("/certificates/nobody/generateVerificationCode", "");
        Reply method = api.post("/certificates/root", "{}");
        Reply stale = api.call("POST", "/certificates/nobody/verify").body("{\"certificate\":" + root.json() + "}").send();

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.message()).contains("no CA certificate named 'nobody'");
        assertThat(code.status()).isEqualTo(404);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("DELETE, GET, PUT");
        assertThat(stale.status()).isEqualTo(404);
    }

    @Test
    void calls_without_a_valid_token_are_refused() {
        Reply reply = api.call("GET", "/certificates").header("Authorization", null).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.errorCode()).isEqualTo(401000);
    }
}
