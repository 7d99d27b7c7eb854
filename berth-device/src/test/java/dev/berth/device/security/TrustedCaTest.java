package dev.berth.device.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.testing.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedCaTest {

    @TempDir
    Path dir;

    @Test
    void pem_file_ca_is_the_only_trusted_issuer() throws Exception {
        X509Certificate ca = TestCertificates.selfSignedCa("Berth Test Root");
        Path file = dir.resolve("ca.pem");
        Files.writeString(file, TestCertificates.pem(ca));

        TrustedCa trusted = TrustedCa.fromPemFile(file);

        assertThat(trusted.certificates()).containsExactly(ca);
        assertThat(acceptedIssuers(trusted)).containsExactly(ca);
        assertThat(trusted.toString()).contains(file.toString()).contains("CN=Berth Test Root");
    }

    @Test
    void pem_text_with_a_bundle_and_comments_trusts_every_certificate() {
        X509Certificate first = TestCertificates.selfSignedCa("First");
        X509Certificate second = TestCertificates.selfSignedCa("Second");
        String pem = "# company bundle\n" + TestCertificates.pem(first) + "Bag Attributes: x\n" + TestCertificates.pem(second);

        TrustedCa trusted = TrustedCa.fromPem(pem);

        assertThat(trusted.certificates()).containsExactly(first, second);
        assertThat(acceptedIssuers(trusted)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void certificate_object_is_trusted() {
        X509Certificate ca = TestCertificates.selfSignedCa("Object CA");

        assertThat(acceptedIssuers(TrustedCa.of(ca))).containsExactly(ca);
    }

    @Test
    void system_default_uses_the_jdk_trust_store() {
        TrustedCa trusted = TrustedCa.systemDefault();

        assertThat(trusted.isSystemDefault()).isTrue();
        assertThat(acceptedIssuers(trusted)).isNotEmpty();
        assertThat(trusted.toString()).contains("JDK default trust store");
    }

    @Test
    void text_without_a_certificate_is_refused() {
        assertThatThrownBy(() -> TrustedCa.fromPem("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no certificate found").hasMessageContaining("BEGIN CERTIFICATE");
        assertThatThrownBy(() -> TrustedCa.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .hasMessageContaining("holds a private key");
    }

    @Test
    void corrupt_certificate_block_is_refused() {
        assertThatThrownBy(() -> TrustedCa.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("certificate 1 in the PEM text is not a valid X.509 certificate");
        assertThatThrownBy(() -> TrustedCa.fromPem("-----BEGIN CERTIFICATE-----\n*!*\n-----END CERTIFICATE-----\n"))
                .hasMessageContaining("not valid base64");
    }

    @Test
    void missing_file_is_refused_with_its_path() {
        Path missing = dir.resolve("nope.pem");

        assertThatThrownBy(() -> TrustedCa.fromPemFile(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the CA certificate file " + missing);
    }

    private static X509Certificate[] acceptedIssuers(TrustedCa trusted) {
        for (TrustManager manager : trusted.trustManagerFactory().getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        throw new AssertionError("no X509TrustManager");
    }
}
