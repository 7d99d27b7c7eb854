package dev.berth.app.pki;

import static dev.berth.app.pki.PkiRun.ok;
import static dev.berth.app.pki.PkiRun.pki;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiErrorsTest {

    @TempDir
    Path dir;

    private String caCert;
    private String caKey;

    @BeforeEach
    void createRoot() {
        ok("root", "--cn", "Root", "--out", dir.toString(), "--key-password", "ca-pass");
        caCert = dir.resolve("root.cert.pem").toString();
        caKey = dir.resolve("root.key.pem").toString();
    }

    private static void assertFails(PkiRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("error: ").contains(message);
    }

    @Test
    void missing_ca_key_file_is_named() {
        PkiRun run = pki("device", "--registration-id", "d1", "--ca-cert", caCert, "--ca-key", dir.resolve("absent.key.pem").toString(),
                "--out", dir.toString());
        assertFails(run, "absent.key.pem: no such file");
    }

    @Test
    void encrypted_ca_key_without_a_password_asks_for_ca_key_password() {
        assertFails(pki("device", "--registration-id", "d1", "--ca-cert", caCert, "--ca-key", caKey, "--out", dir.toString()),
                "is encrypted; its password is needed; give it with --ca-key-password");
    }

    @Test
    void wrong_ca_key_password_is_reported() {
        assertFails(pki("intermediate", "--cn", "I", "--ca-cert", caCert, "--ca-key", caKey, "--ca-key-password", "nope",
                "--out", dir.toString()), "the password of the private key " + caKey + " is wrong");
    }

    @Test
    void key_of_another_ca_is_refused() {
        ok("root", "--cn", "Other", "--name", "other", "--out", dir.toString());
        assertFails(pki("device", "--registration-id", "d1", "--ca-cert", caCert, "--ca-key", dir.resolve("other.key.pem").toString(),
                "--out", dir.toString()), "does not belong to the CA certificate in " + caCert);
    }

    @Test
    void device_certificate_cannot_sign() {
        ok("device", "--registration-id", "leaf", "--self-signed", "--out", dir.toString());
        assertFails(pki("device", "--registration-id", "d2", "--ca-cert", dir.resolve("leaf.cert.pem").toString(),
                "--ca-key", dir.resolve("leaf.key.pem").toString(), "--out", dir.toString()), "is not a CA");
    }

    @Test
    void device_needs_a_ca_or_self_signed_but_not_both() {
        assertFails(pki("device", "--registration-id", "d1", "--out", dir.toString()), "give --ca-cert and --ca-key");
        assertFails(pki("device", "--registration-id", "d1", "--self-signed", "--ca-cert", caCert, "--out", dir.toString()),
                "exclude each other");
        assertFails(pki("device", "--registration-id", "d1", "--ca-cert", caCert, "--out", dir.toString()), "give --ca-key");
    }

    @Test
    void bad_values_are_refused_with_the_option_named() {
        assertFails(pki("device", "--registration-id", "bad id!", "--self-signed", "--out", dir.toString()), "--registration-id may hold only");
        assertFails(pki("root", "--cn", "x".repeat(65), "--out", dir.toString(), "--force"), "--cn is 65 characters");
        assertFails(pki("root", "--cn", "R", "--days", "0", "--out", dir.toString(), "--force"), "--days must be 1 to 36500");
        assertFails(pki("verification", "--code", "c".repeat(70), "--ca-cert", caCert, "--ca-key", caKey, "--ca-key-password", "ca-pass",
                "--out", dir.toString()), "a CN holds at most 64");
        PkiRun unknownType = pki("root", "--cn", "R", "--key-type", "dsa-1024", "--out", dir.toString());
        assertThat(unknownType.exitCode()).isEqualTo(2);
        assertThat(unknownType.err()).contains("unknown key type 'dsa-1024'").contains("ec-p256, ec-p384, rsa-2048, rsa-3072");
    }

    @Test
    void help_of_every_pki_command_lists_its_options() {
        assertThat(ok("--help").out()).contains("root", "intermediate", "device", "verification", "NOT FOR PRODUCTION");
        assertThat(ok("root", "--help").out()).contains("--cn", "--out", "--key-type", "--days", "--key-password", "--p12-password", "--force");
        assertThat(ok("intermediate", "--help").out()).contains("--cn", "--ca-cert", "--ca-key", "--ca-key-password", "--chain", "--out");
        assertThat(ok("device", "--help").out()).contains("--registration-id", "--self-signed", "--ca-cert", "--chain",
                "--key-password", "--p12-password", "--out");
        assertThat(ok("verification", "--help").out()).contains("--code", "--ca-cert", "--ca-key", "--out");
    }
}
