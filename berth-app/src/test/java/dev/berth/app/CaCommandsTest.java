package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.BerthServer;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth ca ...} against a real server: upload, proof of possession step by step and in one go, refusals. */
class CaCommandsTest {
    private static final Pattern CODE = Pattern.compile("Verification code for CA '[^']+': ([0-9A-F]{48})");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path pki;
    static BerthServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = BerthServer.builder().dataDirectory(dataDir).bindHost("127.0.0.1").mqttPort(0).httpsPort(0).build().start();
        Endpoints.of(server, "127.0.0.1").write(dataDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static CliRun berth(String... args) {
        return CliRun.inDataDir(dataDir, args);
    }

    private static String root(String name, String... options) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("pki", "root", "--cn", name, "--name", name,
                "--out", pki.toString()), java.util.stream.Stream.of(options)).toArray(String[]::new);
        CliRun.ok(args);
        return pki.resolve(name + ".cert.pem").toString();
    }

    private static String key(String name) {
        return pki.resolve(name + ".key.pem").toString();
    }

    private static JsonNode shown(String name) throws Exception {
        return AppJson.MAPPER.readTree(berth("ca", "show", name, "--json").out());
    }

    @Test
    void upload_then_code_then_pki_verification_then_verify_makes_the_ca_verified() throws Exception {
        String certificate = root("step-root");

        CliRun uploaded = berth("ca", "upload", "step-root", "--certificate", certificate);
        assertThat(uploaded.exitCode()).as(uploaded.err()).isZero();
        assertThat(uploaded.out()).contains("Uploaded CA certificate 'step-root'.", "subject:             CN=step-root,O=Berth",
                "verified:            no", "berth ca prove step-root --ca-cert " + certificate, "berth ca verification-code step-root");

        CliRun codeRun = berth("ca", "verification-code", "step-root");
        assertThat(codeRun.exitCode()).as(codeRun.err()).isZero();
        Matcher matcher = CODE.matcher(codeRun.out());
        assertThat(matcher.find()).as(codeRun.out()).isTrue();
        String code = matcher.group(1);
        assertThat(codeRun.out()).contains("berth pki verification --code " + code + " --ca-cert", "--ca-key", "--out",
                "berth ca verify step-root --certificate <DIR>/verification.cert.pem --data-dir " + dataDir);

        CliRun.ok("pki", "verification", "--code", code, "--ca-cert", certificate, "--ca-key", key("step-root"),
                "--out", pki.toString(), "--name", "step-proof");
        CliRun verified = berth("ca", "verify", "step-root", "--certificate", pki.resolve("step-proof.cert.pem").toString());
        assertThat(verified.exitCode()).as(verified.err()).isZero();
        assertThat(verified.out()).contains("CA certificate 'step-root' is verified.", "verified:            yes",
                "berth group create GROUPID --ca-reference step-root");
        assertThat(shown("step-root").at("/properties/isVerified").asBoolean()).isTrue();
    }

    @Test
    void prove_gets_a_code_signs_it_with_an_encrypted_ca_key_and_verifies_printing_each_step() throws Exception {
        String certificate = root("prove-root", "--key-password", "ca-secret");
        CliRun.ok("ca", "upload", "prove-root", "--certificate", certificate, "--data-dir", dataDir.toString());

        CliRun proved = berth("ca", "prove", "prove-root", "--ca-cert", certificate, "--ca-key", key("prove-root"),
                "--ca-key-password", "ca-secret");
        assertThat(proved.exitCode()).as(proved.err()).isZero();
        assertThat(proved.out()).contains("Proving possession of the key of CA 'prove-root':")
                .containsPattern("1\\. verification code from the service: [0-9A-F]{48}")
                .contains("2. signed a certificate with CN=", "with the key of CN=prove-root,O=Berth",
                        "3. uploaded it: CA 'prove-root' is verified.");
        assertThat(shown("prove-root").at("/properties/isVerified").asBoolean()).isTrue();
        assertThat(berth("ca", "show", "prove-root").out()).contains("verified:            yes").doesNotContain("Not verified");
    }

    @Test
    void proof_signed_by_another_ca_prints_the_servers_error_code_and_message() throws Exception {
        String certificate = root("pop-root");
        String other = root("pop-other");
        CliRun.ok("ca", "upload", "pop-root", "--certificate", certificate, "--data-dir", dataDir.toString());
        Matcher matcher = CODE.matcher(berth("ca", "verification-code", "pop-root").out());
        assertThat(matcher.find()).isTrue();
        CliRun.ok("pki", "verification", "--code", matcher.group(1), "--ca-cert", other, "--ca-key", key("pop-other"),
                "--out", pki.toString(), "--name", "wrong-proof");

        CliRun refused = berth("ca", "verify", "pop-root", "--certificate", pki.resolve("wrong-proof.cert.pem").toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 400", "errorCode 400000",
                "the verification certificate (issuer CN=pop-other,O=Berth) is not signed by CA certificate 'pop-root'",
                "trackingId").doesNotContain("\tat ");
        assertThat(shown("pop-root").at("/properties/isVerified").asBoolean()).isFalse();
    }

    @Test
    void prove_with_another_cas_certificate_and_key_is_refused_before_a_code_is_asked_for() throws Exception {
        String certificate = root("mismatch-root");
        String other = root("mismatch-other");
        CliRun.ok("ca", "upload", "mismatch-root", "--certificate", certificate, "--data-dir", dataDir.toString());

        CliRun refused = berth("ca", "prove", "mismatch-root", "--ca-cert", other, "--ca-key", key("mismatch-other"));
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("the CA certificate given (CN=mismatch-other,O=Berth",
                "is not the one registered as 'mismatch-root' (CN=mismatch-root,O=Berth");
        assertThat(shown("mismatch-root").at("/properties/isVerified").asBoolean()).isFalse();
    }

    @Test
    void prove_explains_a_missing_password_an_unknown_ca_and_a_key_that_does_not_fit() {
        String certificate = root("locked-root", "--key-password", "pw");
        root("locked-other");
        assertThat(berth("ca", "prove", "locked-root", "--ca-cert", certificate, "--ca-key", key("locked-root")).err())
                .contains("is encrypted", "give it with --ca-key-password");
        assertThat(berth("ca", "prove", "never-uploaded", "--ca-cert", certificate, "--ca-key", key("locked-root"),
                "--ca-key-password", "pw").err())
                .contains("there is no CA certificate named 'never-uploaded'", "berth ca upload never-uploaded --certificate");
        assertThat(berth("ca", "prove", "locked-root", "--ca-cert", certificate, "--ca-key", key("locked-other")).err())
                .contains("does not belong to the CA certificate");
    }

    @Test
    void upload_verified_skips_the_proof_and_list_shows_every_ca() throws Exception {
        String trusted = root("list-trusted");
        String pending = root("list-pending");
        CliRun upload = berth("ca", "upload", "list-trusted", "--certificate", trusted, "--verified");
        assertThat(upload.out()).contains("verified:            yes", "without proof of possession");
        CliRun.ok("ca", "upload", "list-pending", "--certificate", pending, "--data-dir", dataDir.toString());

        CliRun listed = berth("ca", "list");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("NAME", "VERIFIED", "SUBJECT", "EXPIRES", "SHA-256 THUMBPRINT")
                .containsPattern("list-trusted +yes +CN=list-trusted,O=Berth").containsPattern("list-pending +no +CN=list-pending,O=Berth");
        JsonNode json = AppJson.MAPPER.readTree(berth("ca", "list", "--json").out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.findValuesAsText("name")).contains("list-trusted", "list-pending");
    }

    @Test
    void another_certificate_under_a_registered_name_needs_replace() throws Exception {
        String first = root("replace-first");
        String second = root("replace-second");
        CliRun.ok("ca", "upload", "replace-me", "--certificate", first, "--verified", "--data-dir", dataDir.toString());

        CliRun again = berth("ca", "upload", "replace-me", "--certificate", first);
        assertThat(again.out()).contains("Uploaded again (same certificate)", "verified:            yes");
        CliRun refused = berth("ca", "upload", "replace-me", "--certificate", second);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already holds another certificate (CN=replace-first,O=Berth", "--replace");
        CliRun replaced = berth("ca", "upload", "replace-me", "--certificate", second, "--replace");
        assertThat(replaced.out()).contains("Replaced CA certificate 'replace-me'.", "CN=replace-second,O=Berth", "verified:            no");
    }

    @Test
    void device_certificate_upload_prints_the_servers_refusal() {
        CliRun.ok("pki", "device", "--registration-id", "not-a-ca", "--self-signed", "--out", pki.toString());
        CliRun refused = berth("ca", "upload", "device-as-ca", "--certificate", pki.resolve("not-a-ca.cert.pem").toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("errorCode 400000", "is not a CA certificate");
    }

    @Test
    void delete_is_refused_while_a_group_references_the_ca_and_works_after() {
        String certificate = root("delete-root");
        CliRun.ok("ca", "upload", "delete-root", "--certificate", certificate, "--verified", "--data-dir", dataDir.toString());
        CliRun.ok("group", "create", "delete-root-group", "--ca-reference", "delete-root", "--data-dir", dataDir.toString());

        CliRun refused = berth("ca", "delete", "delete-root");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 409", "errorCode 409000", "delete-root-group");

        CliRun.ok("group", "delete", "delete-root-group", "--data-dir", dataDir.toString());
        assertThat(berth("ca", "delete", "delete-root").out()).contains("Deleted CA certificate 'delete-root'.");
        CliRun gone = berth("ca", "show", "delete-root");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("HTTP 404", "there is no CA certificate named 'delete-root'");
    }

    @Test
    void verification_code_json_carries_the_code() throws Exception {
        CliRun.ok("ca", "upload", "json-root", "--certificate", root("json-root"), "--data-dir", dataDir.toString());
        JsonNode answer = AppJson.MAPPER.readTree(berth("ca", "verification-code", "json-root", "--json").out());
        assertThat(answer.at("/properties/verificationCode").asText()).matches("[0-9A-F]{48}");
        assertThat(answer.get("name").asText()).isEqualTo("json-root");
    }
}
