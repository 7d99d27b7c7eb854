package dev.berth.app.pki;

import static dev.berth.app.pki.PkiRun.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.security.X509Credential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PkiCommandsTest {

    @TempDir
    Path dir;

    private String out() {
        return dir.toString();
    }

    @Test
    void root_intermediate_device_chain_validates_to_the_root_without_carrying_it() throws Exception {
        ok("root", "--cn", "Test Root", "--out", out());
        ok("intermediate", "--cn", "Test Intermediate", "--ca-cert", out() + "/root.cert.pem", "--ca-key", out() + "/root.key.pem",
                "--out", out());
        PkiRun device = ok("device", "--registration-id", "sensor-01", "--ca-cert", out() + "/intermediate.cert.pem",
                "--ca-key", out() + "/intermediate.key.pem", "--out", out());

        X509Certificate root = PkiFiles.certificate(dir.resolve("root.cert.pem"));
        List<X509Certificate> chain = PkiFiles.certificates(dir.resolve("sensor-01.chain.pem"));
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0)).isEqualTo(PkiFiles.certificate(dir.resolve("sensor-01.cert.pem")));
        assertThat(chain.get(1)).isEqualTo(PkiFiles.certificate(dir.resolve("intermediate.cert.pem")));
        assertThat(PkiFiles.validate(chain, root).getTrustAnchor().getTrustedCert()).isEqualTo(root);
        assertThat(chain.get(0).getSubjectX500Principal().getName()).contains("CN=sensor-01");
        assertThat(chain.get(0).getBasicConstraints()).isEqualTo(-1);
        assertThat(chain.get(0).getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2"); // clientAuth
        assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(((ECPublicKey) chain.get(0).getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
        assertThat(device.out()).contains("CN                  sensor-01").contains("SHA-256 thumbprint")
                .contains("sensor-01.chain.pem").contains("sensor-01.key.pem");
        assertThat(device.err()).contains("NOT FOR PRODUCTION").contains("UNENCRYPTED");
        // the SDK takes the files as written
        X509Credential credential = X509Credential.fromPem(dir.resolve("sensor-01.chain.pem"), dir.resolve("sensor-01.key.pem"), null);
        assertThat(credential.registrationId()).isEqualTo("sensor-01");
    }

    @Test
    void second_intermediate_carries_the_first_in_the_device_chain() throws Exception {
        ok("root", "--cn", "Root", "--out", out());
        ok("intermediate", "--cn", "Int 1", "--name", "int1", "--ca-cert", out() + "/root.cert.pem", "--ca-key", out() + "/root.key.pem",
                "--out", out());
        ok("intermediate", "--cn", "Int 2", "--name", "int2", "--ca-cert", out() + "/int1.chain.pem", "--ca-key", out() + "/int1.key.pem",
                "--out", out());
        ok("device", "--registration-id", "deep-device", "--ca-cert", out() + "/int2.chain.pem", "--ca-key", out() + "/int2.key.pem",
                "--out", out());

        List<X509Certificate> chain = PkiFiles.certificates(dir.resolve("deep-device.chain.pem"));
        assertThat(chain).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=deep-device,O=Berth", "CN=Int 2,O=Berth", "CN=Int 1,O=Berth");
        PkiFiles.validate(chain, PkiFiles.certificate(dir.resolve("root.cert.pem")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ec-p256, EC, 256", "ec-p384, EC, 384", "rsa-2048, RSA, 2048", "rsa-3072, RSA, 3072"})
    void key_type_sets_the_algorithm_and_size(String keyType, String algorithm, int bits) throws Exception {
        ok("root", "--cn", "Root " + keyType, "--key-type", keyType, "--out", out());
        ok("device", "--registration-id", "dev-" + keyType, "--key-type", keyType, "--ca-cert", out() + "/root.cert.pem",
                "--ca-key", out() + "/root.key.pem", "--out", out());

        for (String file : List.of("root.cert.pem", "dev-" + keyType + ".cert.pem")) {
            var key = PkiFiles.certificate(dir.resolve(file)).getPublicKey();
            assertThat(key.getAlgorithm()).isEqualTo(algorithm);
            int size = key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength()
                    : ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            assertThat(size).isEqualTo(bits);
        }
        PkiFiles.validate(PkiFiles.certificates(dir.resolve("dev-" + keyType + ".chain.pem")), PkiFiles.certificate(dir.resolve("root.cert.pem")));
    }

    @Test
    void key_password_writes_encrypted_pkcs8_that_opens_only_with_it() throws Exception {
        ok("device", "--registration-id", "locked", "--self-signed", "--key-password", "pa55word", "--out", out());

        Path keyFile = dir.resolve("locked.key.pem");
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        PKCS8EncryptedPrivateKeyInfo encrypted = (PKCS8EncryptedPrivateKeyInfo) PkiFiles.pemObject(keyFile);
        assertThat(encrypted.getEncryptionAlgorithm().getAlgorithm()).isEqualTo(PKCSObjectIdentifiers.id_PBES2);
        var bc = new BouncyCastleProvider();
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(encrypted.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc).build("pa55word".toCharArray())));
        X509Certificate certificate = PkiFiles.certificate(dir.resolve("locked.cert.pem"));
        certificate.verify(certificate.getPublicKey()); // self-signed
        assertThat(X509Credential.of(key, List.of(certificate)).registrationId()).isEqualTo("locked");
        assertThatThrownBy(() -> encrypted.decryptPrivateKeyInfo(
                new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc).build("wrong".toCharArray())))
                .isInstanceOf(PKCSException.class);
        assertThatThrownBy(() -> X509Credential.fromPem(dir.resolve("locked.cert.pem"), keyFile, null))
                .hasMessageContaining("is encrypted");
    }

    @Test
    void p12_holds_key_and_chain_and_opens_with_its_password() throws Exception {
        ok("root", "--cn", "Root", "--out", out());
        ok("device", "--registration-id", "p12-device", "--ca-cert", out() + "/root.cert.pem", "--ca-key", out() + "/root.key.pem",
                "--p12-password", "p12pass", "--out", out());

        KeyStore store = PkiFiles.pkcs12(dir.resolve("p12-device.p12"), "p12pass".toCharArray());
        assertThat(store.isKeyEntry("p12-device")).isTrue();
        assertThat(store.getKey("p12-device", "p12pass".toCharArray())).isInstanceOf(PrivateKey.class);
        assertThat(store.getCertificateChain("p12-device")[0]).isEqualTo(PkiFiles.certificate(dir.resolve("p12-device.cert.pem")));
        assertThatThrownBy(() -> PkiFiles.pkcs12(dir.resolve("p12-device.p12"), "nope".toCharArray())).isInstanceOf(java.io.IOException.class);
        assertThat(X509Credential.fromPkcs12(dir.resolve("p12-device.p12"), "p12pass".toCharArray()).registrationId()).isEqualTo("p12-device");
    }

    @Test
    void verification_certificate_has_the_code_as_cn_and_is_signed_by_the_ca() throws Exception {
        ok("root", "--cn", "Root to verify", "--key-type", "rsa-2048", "--out", out());
        String code = "4A1B7D3C0E9F8A2B6C5D4E3F2A1B0C9D8E7F6A5B4C3D2E1F";
        PkiRun run = ok("verification", "--code", code, "--ca-cert", out() + "/root.cert.pem", "--ca-key", out() + "/root.key.pem",
                "--out", out());

        X509Certificate root = PkiFiles.certificate(dir.resolve("root.cert.pem"));
        X509Certificate proof = PkiFiles.certificate(dir.resolve("verification.cert.pem"));
        assertThat(proof.getSubjectX500Principal().getName()).contains("CN=" + code);
        proof.verify(root.getPublicKey());
        assertThat(proof.getIssuerX500Principal()).isEqualTo(root.getSubjectX500Principal());
        assertThat(dir.resolve("verification.key.pem")).doesNotExist();
        assertThat(run.out()).contains("CN                  " + code);
    }

    @Test
    void existing_files_are_kept_unless_forced() throws Exception {
        ok("root", "--cn", "First", "--out", out());
        String first = Files.readString(dir.resolve("root.cert.pem"));

        PkiRun refused = PkiRun.pki("root", "--cn", "Second", "--out", out());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("root.cert.pem already exists; use --force");
        assertThat(Files.readString(dir.resolve("root.cert.pem"))).isEqualTo(first);

        ok("root", "--cn", "Second", "--out", out(), "--force");
        assertThat(PkiFiles.certificate(dir.resolve("root.cert.pem")).getSubjectX500Principal().getName()).contains("CN=Second");
    }
}
