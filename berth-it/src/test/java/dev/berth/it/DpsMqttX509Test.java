package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import dev.berth.protocol.dps.DpsUsername;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * X.509 attestation over MQTT/TLS: the four standard scenarios, CA references with proof of possession,
 * and every refusal of issue 3, each with code 401002 and a message that names the problem.
 */
class DpsMqttX509Test {
    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static TestPki.Issued root;
    static TestPki.Issued intermediate;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir);
        root = TestPki.rootCa("Berth Test Root");
        intermediate = TestPki.intermediateCa("Berth Test Intermediate", root);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private RawDpsDevice.Answer register(String regId, KeyManagerFactory certificate) throws Exception {
        try (RawDpsDevice device = certificate == null
                ? new RawDpsDevice(berth.mqttPort(), berth.trustManagerFactory(), regId)
                : RawDpsDevice.withClientCertificate(berth.mqttPort(), berth.trustManagerFactory(), regId, certificate)) {
            device.connect(DpsUsername.format(berth.idScope(), regId, "test"), null, true);
            device.subscribe();
            RawDpsDevice.Answer accepted = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "", MqttQos.AT_LEAST_ONCE);
            if (accepted.status() != 202) {
                return accepted;
            }
            String operationId = accepted.body().get("operationId").asText();
            return device.request("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=" + operationId, "",
                    MqttQos.AT_LEAST_ONCE);
        }
    }

    private static void assertAssigned(RawDpsDevice.Answer answer, String regId) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("assigned");
        assertThat(answer.body().at("/registrationState/deviceId").asText()).isEqualTo(regId);
        assertThat(answer.body().at("/registrationState/assignedHub").asText()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertFullInfo(answer.body().at("/registrationState/x509/certificateInfo"));
    }

    /** The official Java SDK rejects a certificate info object that lacks any of its eight fields. */
    private static void assertFullInfo(JsonNode info) {
        assertThat(info.isObject()).isTrue();
        for (String field : List.of("subjectName", "sha1Thumbprint", "sha256Thumbprint", "issuerName", "notBeforeUtc",
                "notAfterUtc", "serialNumber", "version")) {
            assertThat(info.hasNonNull(field)).as(field).isTrue();
        }
    }

    private static void assertRefused(RawDpsDevice.Answer answer, String... messageParts) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(401);
        assertThat(answer.body().get("errorCode").asInt()).isEqualTo(401002);
        assertThat(answer.body().get("message").asText()).contains(messageParts);
    }

    @Test
    void individual_self_signed_device_is_assigned() throws Exception {
        TestPki.Issued device = TestPki.selfSignedDevice("x509-self-signed");
        X509Enrollments.individual(berth.store(), "x509-self-signed", device.certificate(), "enabled");
        assertAssigned(register("x509-self-signed", device.keyManagerFactory()), "x509-self-signed");
    }

    @Test
    void individual_ca_signed_device_is_assigned() throws Exception {
        TestPki.Issued device = TestPki.device("x509-ca-signed", intermediate);
        X509Enrollments.individual(berth.store(), "x509-ca-signed", device.certificate(), "enabled");
        assertAssigned(register("x509-ca-signed", device.keyManagerFactory()), "x509-ca-signed");
    }

    @Test
    void group_via_root_accepts_a_device_that_sends_only_its_leaf() throws Exception {
        TestPki.Issued groupRoot = TestPki.rootCa("Group Root A");
        X509Enrollments.groupWithSigningCertificate(berth.store(), "x509-root-group", groupRoot.certificate(), "enabled");
        TestPki.Issued device = TestPki.device("x509-root-dev", groupRoot);
        RawDpsDevice.Answer answer = register("x509-root-dev", device.keyManagerFactory(List.of(device.certificate())));
        assertAssigned(answer, "x509-root-dev");
        assertThat(answer.body().at("/registrationState/x509/enrollmentGroupId").asText()).isEqualTo("x509-root-group");
        assertThat(answer.body().at("/registrationState/x509/signingCertificateInfo/subjectName").asText()).contains("Group Root A");
    }

    @Test
    void group_via_intermediate_accepts_leaf_plus_intermediate() throws Exception {
        TestPki.Issued groupRoot = TestPki.rootCa("Group Root B");
        TestPki.Issued groupIntermediate = TestPki.intermediateCa("Group Intermediate B", groupRoot);
        X509Enrollments.groupWithSigningCertificate(berth.store(), "x509-intermediate-group", groupIntermediate.certificate(), "enabled");
        TestPki.Issued device = TestPki.device("x509-intermediate-dev", groupIntermediate);
        RawDpsDevice.Answer answer = register("x509-intermediate-dev", device.keyManagerFactory());
        assertAssigned(answer, "x509-intermediate-dev");
        assertThat(answer.body().at("/registrationState/x509/signingCertificateInfo/subjectName").asText())
                .contains("Group Intermediate B");
    }

    @Test
    void group_on_the_root_accepts_a_chain_through_an_intermediate() throws Exception {
        TestPki.Issued groupRoot = TestPki.rootCa("Group Root C");
        TestPki.Issued groupIntermediate = TestPki.intermediateCa("Group Intermediate C", groupRoot);
        X509Enrollments.groupWithSigningCertificate(berth.store(), "x509-root-c", groupRoot.certificate(), "enabled");
        TestPki.Issued device = TestPki.device("x509-root-c-dev", groupIntermediate);
        assertAssigned(register("x509-root-c-dev", device.keyManagerFactory()), "x509-root-c-dev");
    }

    @Test
    void group_referencing_a_verified_ca_is_assigned_and_an_unverified_one_is_refused() throws Exception {
        TestPki.Issued verifiedCa = TestPki.rootCa("Registered Verified CA");
        X509Enrollments.registerCa(berth.store(), "verified-ca", verifiedCa.certificate(), true);
        X509Enrollments.groupWithCaReference(berth.store(), "x509-verified-ref", "verified-ca");
        TestPki.Issued good = TestPki.device("x509-ref-dev", verifiedCa);
        assertAssigned(register("x509-ref-dev", good.keyManagerFactory()), "x509-ref-dev");

        TestPki.Issued unverifiedCa = TestPki.rootCa("Registered Unverified CA");
        X509Enrollments.registerCa(berth.store(), "unverified-ca", unverifiedCa.certificate(), false);
        X509Enrollments.groupWithCaReference(berth.store(), "x509-unverified-ref", "unverified-ca");
        TestPki.Issued refused = TestPki.device("x509-unverified-dev", unverifiedCa);
        assertRefused(register("x509-unverified-dev", refused.keyManagerFactory()), "unverified-ca", "not verified", "proof of possession");
    }

    @Test
    void no_certificate_and_no_token_is_refused() throws Exception {
        assertRefused(register("x509-nothing", null), "neither a SAS token nor a TLS client certificate");
    }

    @Test
    void common_name_other_than_the_registration_id_is_refused() throws Exception {
        TestPki.Issued device = TestPki.selfSignedDevice("x509-real-name");
        X509Enrollments.individual(berth.store(), "x509-real-name", device.certificate(), "enabled");
        assertRefused(register("x509-claimed-name", device.keyManagerFactory()), "CN 'x509-real-name'", "x509-claimed-name");
    }

    @Test
    void expired_certificate_is_refused_with_its_date() throws Exception {
        TestPki.Issued device = TestPki.device("x509-expired", root, Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(10));
        X509Enrollments.individual(berth.store(), "x509-expired", device.certificate(), "enabled");
        assertRefused(register("x509-expired", device.keyManagerFactory()), "expired on",
                device.certificate().getNotAfter().toInstant().toString());
    }

    @Test
    void not_yet_valid_certificate_is_refused_with_its_date() throws Exception {
        TestPki.Issued device = TestPki.device("x509-future", root, Instant.now().plus(Duration.ofDays(2)), Duration.ofDays(10));
        X509Enrollments.individual(berth.store(), "x509-future", device.certificate(), "enabled");
        assertRefused(register("x509-future", device.keyManagerFactory()), "not valid before");
    }

    @Test
    void chain_to_an_untrusted_ca_is_refused() throws Exception {
        TestPki.Issued stranger = TestPki.rootCa("Stranger CA");
        TestPki.Issued device = TestPki.device("x509-stranger", stranger);
        assertRefused(register("x509-stranger", device.keyManagerFactory()), "no enrollment group trusts", "Stranger CA");
    }

    @Test
    void certificate_in_no_enrollment_is_refused() throws Exception {
        TestPki.Issued device = TestPki.selfSignedDevice("x509-unenrolled");
        assertRefused(register("x509-unenrolled", device.keyManagerFactory()), "no individual enrollment holds this certificate");
    }

    @Test
    void enrolled_registration_presenting_another_certificate_is_refused() throws Exception {
        TestPki.Issued enrolled = TestPki.selfSignedDevice("x509-swapped");
        X509Enrollments.individual(berth.store(), "x509-swapped", enrolled.certificate(), "enabled");
        TestPki.Issued other = TestPki.selfSignedDevice("x509-swapped");
        assertRefused(register("x509-swapped", other.keyManagerFactory()), "holds a different certificate");
    }

    @Test
    void disabled_group_answers_disabled() throws Exception {
        TestPki.Issued groupRoot = TestPki.rootCa("Disabled Group Root");
        X509Enrollments.groupWithSigningCertificate(berth.store(), "x509-disabled-group", groupRoot.certificate(), "disabled");
        TestPki.Issued device = TestPki.device("x509-disabled-dev", groupRoot);
        RawDpsDevice.Answer answer = register("x509-disabled-dev", device.keyManagerFactory());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("status").asText()).isEqualTo("disabled");
        assertThat(answer.body().at("/registrationState/errorMessage").asText()).contains("x509-disabled-group");
    }

    @Test
    void wrong_key_usage_is_refused() throws Exception {
        TestPki.Issued device = TestPki.deviceWithKeyUsage("x509-bad-usage", root, false);
        X509Enrollments.individual(berth.store(), "x509-bad-usage", device.certificate(), "enabled");
        assertRefused(register("x509-bad-usage", device.keyManagerFactory()), "digitalSignature");
    }

    @Test
    void chain_with_a_broken_link_is_refused() throws Exception {
        TestPki.Issued groupRoot = TestPki.rootCa("Group Root D");
        TestPki.Issued groupIntermediate = TestPki.intermediateCa("Group Intermediate D", groupRoot);
        X509Enrollments.groupWithSigningCertificate(berth.store(), "x509-root-d", groupRoot.certificate(), "enabled");
        TestPki.Issued device = TestPki.device("x509-broken-dev", groupIntermediate);
        TestPki.Issued impostorIntermediate = TestPki.intermediateCa("Group Intermediate D", TestPki.rootCa("Group Root D"));
        List<X509Certificate> presented = List.of(device.certificate(), impostorIntermediate.certificate(), groupRoot.certificate());
        assertRefused(register("x509-broken-dev", device.keyManagerFactory(presented)), "does not lead to the CA");
    }
}
