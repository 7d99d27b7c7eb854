package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.BerthServer;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.PemFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code enrollment create --certificate} and {@code group create --signing-certificate|--ca-reference} against a real server. */
class X509EnrollmentCommandsTest {

    @TempDir
    static Path dataDir;
    @TempDir
    static Path pki;
    static BerthServer server;

    @BeforeAll
    static void startServerAndMakeCertificates() throws Exception {
        server = BerthServer.builder().dataDirectory(dataDir).bindHost("127.0.0.1").mqttPort(0).httpsPort(0).build().start();
        Endpoints.of(server, "127.0.0.1").write(dataDir);
        CliRun.ok("pki", "root", "--cn", "CLI Test Root", "--out", pki.toString());
        CliRun.ok("pki", "intermediate", "--cn", "CLI Test Intermediate", "--ca-cert", file("root.cert.pem"), "--ca-key",
                file("root.key.pem"), "--out", pki.toString());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String file(String name) {
        return pki.resolve(name).toString();
    }

    private static CliRun berth(String... args) {
        return CliRun.inDataDir(dataDir, args);
    }

    private static String selfSignedDevice(String registrationId) {
        CliRun.ok("pki", "device", "--registration-id", registrationId, "--self-signed", "--out", pki.toString());
        return file(registrationId + ".cert.pem");
    }

    private static String thumbprint(String pemFile) {
        return Certificates.sha256Thumbprint(PemFiles.readCertificates(Path.of(pemFile)).get(0));
    }

    @Test
    void certificate_makes_an_x509_individual_enrollment_whose_info_show_and_list_display() throws Exception {
        String certificate = selfSignedDevice("x509-cli-1");
        String thumbprint = thumbprint(certificate);

        CliRun created = berth("enrollment", "create", "x509-cli-1", "--certificate", certificate);
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created individual enrollment 'x509-cli-1' (X.509).",
                "certificate:    CN=x509-cli-1,O=Berth, SHA-256 " + thumbprint + ", expires 20", "its CN is the registration ID")
                .doesNotContain("primary key");

        JsonNode shown = AppJson.MAPPER.readTree(berth("enrollment", "show", "x509-cli-1").out());
        assertThat(shown.at("/attestation/type").asText()).isEqualTo("x509");
        JsonNode info = shown.at("/attestation/x509/clientCertificates/primary/info");
        assertThat(info.get("subjectName").asText()).isEqualTo("CN=x509-cli-1,O=Berth");
        assertThat(info.get("sha256Thumbprint").asText()).isEqualTo(thumbprint);
        assertThat(info.get("notAfterUtc").asText()).isNotBlank();

        assertThat(berth("enrollment", "list").out()).contains("ATTESTATION", "CERTIFICATE")
                .containsPattern("x509-cli-1 +- +x509 +enabled")
                .contains("CN=x509-cli-1,O=Berth; SHA-256 " + thumbprint.substring(0, 16) + "…; until 20");
    }

    @Test
    void secondary_certificate_is_stored_beside_the_primary() throws Exception {
        String primary = selfSignedDevice("x509-cli-two");
        CliRun.ok("pki", "device", "--registration-id", "x509-cli-two", "--self-signed", "--name", "second", "--out", pki.toString());

        CliRun created = berth("enrollment", "create", "x509-cli-two", "--certificate", primary, "--secondary-certificate",
                file("second.cert.pem"), "--json");
        assertThat(created.exitCode()).as(created.err()).isZero();
        JsonNode stored = AppJson.MAPPER.readTree(created.out());
        assertThat(stored.at("/attestation/x509/clientCertificates/secondary/info/sha256Thumbprint").asText())
                .isEqualTo(thumbprint(file("second.cert.pem")));
    }

    @Test
    void signing_certificate_makes_an_x509_group_of_that_ca() {
        CliRun created = berth("group", "create", "x509-cli-signing", "--signing-certificate", file("intermediate.chain.pem"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created enrollment group 'x509-cli-signing' (X.509).",
                "signing CA:     CN=CLI Test Intermediate,O=Berth, SHA-256 " + thumbprint(file("intermediate.cert.pem")))
                .doesNotContain("derive-key");
        assertThat(berth("group", "list").out()).containsPattern("x509-cli-signing +x509 +enabled")
                .contains("CN=CLI Test Intermediate,O=Berth; SHA-256 ");
    }

    @Test
    void ca_reference_to_an_unverified_ca_says_devices_are_refused_until_it_is_proved() {
        CliRun.ok("ca", "upload", "cli-unverified-root", "--certificate", file("root.cert.pem"), "--data-dir", dataDir.toString());

        CliRun created = berth("group", "create", "x509-cli-ref", "--ca-reference", "cli-unverified-root");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("CA reference:   cli-unverified-root", "is not verified yet",
                "berth ca prove cli-unverified-root --ca-cert");
        assertThat(berth("group", "list").out()).containsPattern("x509-cli-ref +x509 +enabled .*CA cli-unverified-root");

        CliRun.ok("ca", "upload", "cli-unverified-root", "--certificate", file("root.cert.pem"), "--verified",
                "--data-dir", dataDir.toString());
        CliRun again = berth("group", "create", "x509-cli-ref", "--ca-reference", "cli-unverified-root", "--replace");
        assertThat(again.out()).contains("Replaced enrollment group").doesNotContain("not verified");
    }

    @Test
    void certificate_whose_cn_is_not_the_registration_id_prints_the_servers_code_and_message() {
        String certificate = selfSignedDevice("x509-cli-real-cn");
        CliRun run = berth("enrollment", "create", "x509-cli-other", "--certificate", certificate);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 400", "errorCode 400003", "has CN 'x509-cli-real-cn'",
                "its CN must be the registration ID 'x509-cli-other'").doesNotContain("\tat ");
    }

    @Test
    void device_certificate_as_a_groups_signing_certificate_prints_the_servers_reason() {
        String certificate = selfSignedDevice("x509-cli-not-a-ca");
        CliRun run = berth("group", "create", "x509-cli-bad-ca", "--signing-certificate", certificate);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("errorCode 400003", "is not a CA certificate");
    }

    @Test
    void chain_file_uses_its_first_certificate_and_says_so() {
        CliRun.ok("pki", "device", "--registration-id", "x509-cli-chained", "--ca-cert", file("intermediate.chain.pem"),
                "--ca-key", file("intermediate.key.pem"), "--out", pki.toString());
        CliRun created = berth("enrollment", "create", "x509-cli-chained", "--certificate", file("x509-cli-chained.chain.pem"));
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.err()).contains("holds 2 certificates; --certificate uses the first (CN=x509-cli-chained,O=Berth)");
        assertThat(created.out()).contains("certificate:    CN=x509-cli-chained,O=Berth");
    }

    @Test
    void conflicting_or_incomplete_options_are_refused_before_anything_is_stored() {
        String certificate = selfSignedDevice("x509-cli-conflict");
        assertRefused(berth("enrollment", "create", "x509-cli-conflict", "--certificate", certificate, "--primary-key",
                "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="), "--primary-key is for symmetric-key attestation, but --certificate");
        assertRefused(berth("enrollment", "create", "x509-cli-conflict", "--secondary-certificate", certificate),
                "--secondary-certificate needs --certificate");
        assertRefused(berth("enrollment", "create", "x509-cli-conflict", "--certificate", file("absent.pem")),
                "--certificate " + file("absent.pem") + ": no such file");
        assertRefused(berth("enrollment", "create", "x509-cli-conflict", "--certificate", file("root.key.pem")),
                "holds a private key, not a certificate");
        assertRefused(berth("group", "create", "x509-cli-conflict", "--signing-certificate", file("root.cert.pem"),
                "--ca-reference", "any"), "--signing-certificate and --ca-reference exclude each other");
        assertRefused(berth("group", "create", "x509-cli-conflict", "--secondary-ca-reference", "any"),
                "--secondary-ca-reference needs --ca-reference");
        assertRefused(berth("group", "create", "x509-cli-conflict", "--secondary-signing-certificate", file("root.cert.pem")),
                "--secondary-signing-certificate needs --signing-certificate");
        assertThat(berth("enrollment", "show", "x509-cli-conflict").exitCode()).isEqualTo(1);
        assertThat(berth("group", "show", "x509-cli-conflict").exitCode()).isEqualTo(1);
    }

    private static void assertRefused(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(run.err()).contains("error: ", message);
    }
}
