package dev.berth.server.api;

import static dev.berth.server.api.TestCertificates.device;
import static dev.berth.server.api.TestCertificates.intermediateCa;
import static dev.berth.server.api.TestCertificates.rootCa;
import static dev.berth.server.api.TestCertificates.selfSignedDevice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import dev.berth.server.api.TestCertificates.Issued;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.CertificateOwner;
import org.junit.jupiter.api.Test;

class X509EnrollmentApiTest extends ServiceApiTestBase {
    static String clientCertificates(String primaryJson, String secondaryJson) {
        return "{\"attestation\":{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":" + primaryJson
                + "}" + (secondaryJson == null ? "" : ",\"secondary\":{\"certificate\":" + secondaryJson + "}") + "}}}}";
    }

    static String signingCertificate(String certificateJson) {
        return "{\"attestation\":{\"type\":\"x509\",\"x509\":{\"signingCertificates\":{\"primary\":{\"certificate\":"
                + certificateJson + "}}}}}";
    }

    static String caReference(String name) {
        return "{\"attestation\":{\"type\":\"x509\",\"x509\":{\"caReferences\":{\"primary\":\"" + name + "\"}}}}";
    }

    @Test
    void individual_enrollment_with_a_self_signed_certificate_stores_it_as_uploaded_with_all_eight_info_fields() {
        Issued leaf = selfSignedDevice("dev-x509");
        Issued secondary = selfSignedDevice("dev-x509");

        Reply reply = api.put("/enrollments/Dev-X509",
                clientCertificates(leaf.json(), "\"" + secondary.base64Der() + "\""));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode primary = reply.json().path("attestation").path("x509").path("clientCertificates").path("primary");
        assertThat(reply.json().path("attestation").path("type").asText()).isEqualTo("x509");
        assertThat(primary.path("certificate").asText()).isEqualTo(leaf.pem());
        JsonNode info = primary.path("info");
        assertThat(info.path("subjectName").asText()).contains("CN=dev-x509");
        assertThat(info.path("issuerName").asText()).isEqualTo(info.path("subjectName").asText());
        assertThat(info.path("sha1Thumbprint").asText()).matches("[0-9A-F]{40}");
        assertThat(info.path("sha256Thumbprint").asText()).isEqualTo(Certificates.sha256Thumbprint(leaf.certificate()));
        assertThat(info.path("notBeforeUtc").asText()).isEqualTo(leaf.certificate().getNotBefore().toInstant().toString());
        assertThat(info.path("notAfterUtc").asText()).isEqualTo(leaf.certificate().getNotAfter().toInstant().toString());
        assertThat(info.path("serialNumber").asText()).matches("[0-9A-F]+");
        assertThat(info.path("version").asInt()).isEqualTo(3);
        JsonNode second = reply.json().path("attestation").path("x509").path("clientCertificates").path("secondary");
        assertThat(second.path("certificate").asText()).isEqualTo(secondary.base64Der());
        assertThat(second.path("info").path("sha256Thumbprint").asText())
                .isEqualTo(Certificates.sha256Thumbprint(secondary.certificate()));

        assertThat(api.get("/enrollments/dev-x509").json().path("attestation")).isEqualTo(reply.json().path("attestation"));
        Reply mechanism = api.post("/enrollments/dev-x509/attestationmechanism", "{}");
        assertThat(mechanism.json()).isEqualTo(reply.json().path("attestation"));
        assertThat(api.store.findCertificateOwner(info.path("sha256Thumbprint").asText()))
                .contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "Dev-X509"));
    }

    @Test
    void info_sent_by_the_client_is_replaced_by_the_computed_one() {
        Issued leaf = selfSignedDevice("dev-1");
        String body = "{\"attestation\":{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":"
                + leaf.json() + ",\"info\":{\"sha256Thumbprint\":\"00\",\"version\":1}}}}}}";

        JsonNode info = api.put("/enrollments/dev-1", body).json()
                .path("attestation").path("x509").path("clientCertificates").path("primary").path("info");

        assertThat(info.path("sha256Thumbprint").asText()).isEqualTo(Certificates.sha256Thumbprint(leaf.certificate()));
        assertThat(info.path("version").asInt()).isEqualTo(3);
    }

    @Test
    void device_certificate_whose_cn_is_not_the_registration_id_is_refused() {
        Reply reply = api.put("/enrollments/dev-1", clientCertificates(selfSignedDevice("other-device").json(), null));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400003);
        assertThat(reply.message()).contains("CN 'other-device'", "must be the registration ID 'dev-1'");
        assertThat(api.get("/enrollments/dev-1").status()).isEqualTo(404);
    }

    @Test
    void unreadable_missing_or_expired_certificates_are_refused_naming_the_field() {
        Reply badPem = api.put("/enrollments/dev-1",
                clientCertificates("\"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\"", null));
        Reply missing = api.put("/enrollments/dev-1", "{\"attestation\":{\"type\":\"x509\",\"x509\":{}}}");
        Issued expired = TestCertificates.expiredSelfSignedDevice("dev-1");
        Reply old = api.put("/enrollments/dev-1", clientCertificates(expired.json(), null));
        Reply badSecondary = api.put("/enrollments/dev-1", clientCertificates(selfSignedDevice("dev-1").json(), "\"not base64 !\""));

        assertThat(badPem.errorCode()).isEqualTo(400003);
        assertThat(badPem.message()).contains("x509.clientCertificates.primary.certificate", "cannot be read");
        assertThat(missing.message()).contains("clientCertificates", "primary", "certificate");
        assertThat(old.errorCode()).isEqualTo(400003);
        assertThat(old.message()).contains("expired on " + expired.certificate().getNotAfter().toInstant());
        assertThat(badSecondary.message()).contains("x509.clientCertificates.secondary.certificate");
    }

    @Test
    void x509_registration_id_longer_than_a_cn_is_refused() {
        String id = "d".repeat(65);

        Reply reply = api.put("/enrollments/" + id, clientCertificates(selfSignedDevice("d".repeat(64)).json(), null));

        assertThat(reply.errorCode()).isEqualTo(400003);
        assertThat(reply.message()).contains("65 characters", "at most 64");
    }

    @Test
    void individual_with_a_ca_and_group_with_a_device_certificate_are_refused_with_the_difference_explained() {
        Issued root = rootCa("Root");
        Reply individual = api.put("/enrollments/dev-1", signingCertificate(root.json()));
        Reply group = api.put("/enrollmentGroups/g1", clientCertificates(selfSignedDevice("g1").json(), null));
        Reply both = api.put("/enrollmentGroups/g1", "{\"attestation\":{\"type\":\"x509\",\"x509\":{\"signingCertificates\":"
                + "{\"primary\":{\"certificate\":" + root.json() + "}},\"caReferences\":{\"primary\":\"root\"}}}}");
        Reply neither = api.put("/enrollmentGroups/g1", "{\"attestation\":{\"type\":\"x509\"}}");

        assertThat(individual.errorCode()).isEqualTo(400003);
        assertThat(individual.message()).contains("clientCertificates", "signingCertificates and caReferences are for enrollment groups");
        assertThat(group.errorCode()).isEqualTo(400003);
        assertThat(group.message()).contains("clientCertificates are for individual enrollments");
        assertThat(both.message()).contains("either x509.signingCertificates or x509.caReferences, not both");
        assertThat(neither.message()).contains("needs its CA", "signingCertificates", "caReferences");
    }

    @Test
    void group_with_an_uploaded_intermediate_ca_is_stored_with_its_info_and_found_by_its_thumbprint() {
        Issued intermediate = intermediateCa("Intermediate", rootCa("Root"));

        Reply reply = api.put("/enrollmentGroups/floor-1", signingCertificate(intermediate.json()));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode primary = reply.json().path("attestation").path("x509").path("signingCertificates").path("primary");
        assertThat(primary.path("certificate").asText()).isEqualTo(intermediate.pem());
        assertThat(primary.path("info").path("subjectName").asText()).contains("CN=Intermediate");
        assertThat(primary.path("info").path("issuerName").asText()).contains("CN=Root");
        String thumbprint = Certificates.sha256Thumbprint(intermediate.certificate());
        assertThat(api.store.findGroupBySigningCertificate(thumbprint)).hasValueSatisfying(
                g -> assertThat(g.enrollmentGroupId()).isEqualTo("floor-1"));
    }

    @Test
    void group_signing_certificate_that_is_not_a_ca_is_refused() {
        Issued leaf = device("some-device", rootCa("Root"));

        Reply reply = api.put("/enrollmentGroups/g1", signingCertificate(leaf.json()));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400003);
        assertThat(reply.message()).contains("CN=some-device", "not a CA certificate", "basicConstraints CA:true");
    }

    @Test
    void group_reference_to_an_unknown_ca_is_refused_listing_the_registered_names() {
        Reply none = api.put("/enrollmentGroups/g1", caReference("nope"));
        api.put("/certificates/Root-A", "{\"certificate\":" + rootCa("A").json() + "}");
        api.put("/certificates/root-b", "{\"certificate\":" + rootCa("B").json() + "}");

        Reply unknown = api.put("/enrollmentGroups/g1", caReference("nope"));

        assertThat(none.errorCode()).isEqualTo(400003);
        assertThat(none.message()).contains("'nope'", "none is registered yet", "PUT /certificates/{name}");
        assertThat(unknown.message()).contains("'nope'", "registered: Root-A, root-b");
    }

    @Test
    void group_may_reference_a_registered_ca_before_it_is_verified() {
        api.put("/certificates/Root-A", "{\"certificate\":" + rootCa("A").json() + "}");

        Reply reply = api.put("/enrollmentGroups/g1", caReference("root-a"));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("attestation").path("x509").path("caReferences").path("primary").asText()).isEqualTo("Root-A");
        assertThat(api.store.findGroupsByCaReference("ROOT-A")).hasSize(1);
    }

    @Test
    void the_same_certificate_in_a_second_enrollment_is_a_409_naming_the_first() {
        Issued root = rootCa("Shared Root");
        assertThat(api.put("/enrollmentGroups/first", signingCertificate(root.json())).status()).isEqualTo(200);

        Reply second = api.put("/enrollmentGroups/second", signingCertificate(root.json()));
        Reply bulk = api.post("/enrollmentGroups", "{\"mode\":\"create\",\"enrollmentGroups\":[{\"enrollmentGroupId\":\"third\","
                + signingCertificate(root.json()).substring(1) + "]}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo(409000);
        assertThat(second.message()).contains("enrollment group 'first'", "only one enrollment");
        assertThat(api.get("/enrollmentGroups/second").status()).isEqualTo(404);
        assertThat(bulk.json().path("errors").get(0).path("errorCode").asInt()).as(bulk.toString()).isEqualTo(409000);
        assertThat(api.delete("/enrollmentGroups/first").status()).isEqualTo(204);
        assertThat(api.put("/enrollmentGroups/second", signingCertificate(root.json())).status()).isEqualTo(200);
    }
}
