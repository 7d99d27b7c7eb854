package dev.berth.server.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.protocol.service.ReprovisionPolicy;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.Json;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CustomAllocationRequestTest {
    private static final String PRIMARY = "cHJpbWFyeS1zZWNyZXQta2V5LTAxMjM0NTY3ODkwMTIzNDU2Nzg5";
    private static final String SECONDARY = "c2Vjb25kYXJ5LXNlY3JldC1rZXktMDEyMzQ1Njc4OTAxMjM0NTY=";
    private static final CustomAllocationDefinition WEBHOOK = new CustomAllocationDefinition("https://alloc.example.com/f?code=k", "2021-10-01");

    @Test
    void symmetric_key_individual_request_carries_enrollment_without_keys_and_the_device_payload() {
        IndividualEnrollment enrollment = new IndividualEnrollment("dev-1", "device-one", null, Map.of("site", "north"),
                AttestationMechanism.symmetricKey(PRIMARY, SECONDARY), null, null,
                new InitialTwin(Map.of("room", "7"), null), null, "enabled", ReprovisionPolicy.DEFAULT, null, null, "custom",
                List.of("hub-a.example.com", "hub-b.example.com"), WEBHOOK);
        var request = new CustomAllocationRequest(new EnrollmentMatch.Individual(enrollment), "dev-1",
                new DeviceEvidence.SymmetricKey(PRIMARY), null, null, Json.MAPPER.createObjectNode().put("modelId", "x"),
                List.of("hub-a.example.com", "hub-b.example.com"));

        ObjectNode json = request.toJson();
        String text = Json.write(json);

        assertThat(text).doesNotContain(PRIMARY).doesNotContain(SECONDARY).doesNotContain("primaryKey");
        JsonNode sent = json.path("individualEnrollment");
        assertThat(sent.path("registrationId").asText()).isEqualTo("dev-1");
        assertThat(sent.path("deviceId").asText()).isEqualTo("device-one");
        assertThat(sent.path("attestation")).isEqualTo(Json.MAPPER.createObjectNode().put("type", "symmetricKey"));
        assertThat(sent.path("initialTwin").path("tags").path("room").asText()).isEqualTo("7");
        assertThat(sent.path("customAllocationDefinition").path("apiVersion").asText()).isEqualTo("2021-10-01");
        assertThat(json.has("enrollmentGroup")).isFalse();
        JsonNode context = json.path("deviceRuntimeContext");
        assertThat(context.path("registrationId").asText()).isEqualTo("dev-1");
        assertThat(context.path("symmetricKey").isObject()).isTrue();
        assertThat(context.path("symmetricKey").size()).isZero();
        assertThat(context.path("payload").path("modelId").asText()).isEqualTo("x");
        assertThat(context.has("currentIotHubHostName")).isFalse();
        assertThat(context.has("currentDeviceId")).isFalse();
        assertThat(context.has("x509")).isFalse();
        assertThat(json.path("linkedHubs")).extracting(JsonNode::asText).containsExactly("hub-a.example.com", "hub-b.example.com");
    }

    @Test
    void x509_group_request_has_certificate_facts_but_no_certificates_and_names_the_current_hub_on_reregistration() {
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("alloc-ca"), caKeys, Duration.ofDays(30), null);
        KeyPair deviceKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName("x509-dev"), deviceKeys.getPublic(),
                ca, caKeys.getPrivate(), null, Duration.ofDays(30));
        String caPem = PemFiles.toPem(ca);
        X509Attestation x509 = new X509Attestation(null,
                new X509Certificates(new X509CertificateWithInfo(caPem, Certificates.info(ca)), null), new X509CaReferences("my-ca", null));
        EnrollmentGroup group = new EnrollmentGroup("grp-x", AttestationMechanism.x509(x509), null, null, null, null, "enabled",
                ReprovisionPolicy.DEFAULT, null, null, "custom", List.of("hub-a.example.com"), WEBHOOK);
        var request = new CustomAllocationRequest(new EnrollmentMatch.Group(group), "x509-dev",
                new DeviceEvidence.X509(leaf, List.of(leaf), ca), "hub-a.example.com", "x509-dev", null, List.of("hub-a.example.com"));

        ObjectNode json = request.toJson();
        String text = Json.write(json);

        String caBody = caPem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "").strip().lines().findFirst().orElseThrow();
        assertThat(text).doesNotContain("BEGIN CERTIFICATE").doesNotContain(caBody).doesNotContain("my-ca");
        assertThat(json.path("enrollmentGroup").path("enrollmentGroupId").asText()).isEqualTo("grp-x");
        assertThat(json.path("enrollmentGroup").path("attestation")).isEqualTo(Json.MAPPER.createObjectNode().put("type", "x509"));
        JsonNode context = json.path("deviceRuntimeContext");
        assertThat(context.path("x509").path("subjectName").asText()).contains("x509-dev");
        assertThat(context.path("x509").path("sha256Thumbprint").asText()).isEqualTo(Certificates.sha256Thumbprint(leaf));
        assertThat(context.path("currentIotHubHostName").asText()).isEqualTo("hub-a.example.com");
        assertThat(context.path("currentDeviceId").asText()).isEqualTo("x509-dev");
        assertThat(context.has("payload")).isFalse();
        assertThat(context.has("symmetricKey")).isFalse();
    }
}
