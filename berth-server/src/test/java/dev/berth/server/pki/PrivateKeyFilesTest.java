package dev.berth.server.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PrivateKeyFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void encrypted_key_reads_back_only_with_its_password(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generate();
        Path file = dir.resolve("key.pem");
        PrivateKeyFiles.write(file, keys.getPrivate(), "pw".toCharArray());

        assertThat(Files.readString(file)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(PrivateKeyFiles.read(file, "pw".toCharArray()).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThatThrownBy(() -> PrivateKeyFiles.read(file, "other".toCharArray())).hasMessageContaining("is wrong");
        assertThatThrownBy(() -> PrivateKeyFiles.read(file, null)).hasMessageContaining("is encrypted; its password is needed");
    }

    @ParameterizedTest
    @EnumSource(value = KeyAlgorithm.class, names = {"EC_P256", "RSA_2048"})
    void traditional_openssl_keys_sign_as_a_ca(KeyAlgorithm algorithm) throws Exception {
        KeyPair keys = algorithm.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("CA"), keys, Duration.ofDays(1), null);
        Path certFile = dir.resolve("ca.pem");
        PemFiles.writeCertificates(certFile, List.of(ca));
        Path keyFile = Files.writeString(dir.resolve("ca.key"), traditionalPem(keys)); // BEGIN RSA / EC PRIVATE KEY

        SigningCa signer = SigningCa.load(certFile, keyFile, null, null);

        X509Certificate proof = ProofOfPossession.certificate("ABC123", signer, Duration.ofDays(1));
        proof.verify(ca.getPublicKey());
        assertThat(Certificates.commonName(proof)).isEqualTo("ABC123");
        assertThat(signer.presentedChain(proof)).containsExactly(proof);
    }

    @Test
    void signing_ca_refuses_a_key_of_another_ca_and_a_missing_file() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("CA"), keys, Duration.ofDays(1), null);
        Path certFile = dir.resolve("ca.pem");
        PemFiles.writeCertificates(certFile, List.of(ca));
        Path otherKey = dir.resolve("other.key");
        PemFiles.writePrivateKey(otherKey, KeyAlgorithm.EC_P256.generate().getPrivate());

        assertThatThrownBy(() -> SigningCa.load(certFile, otherKey, null, null)).hasMessageContaining("does not belong to the CA certificate");
        assertThatThrownBy(() -> SigningCa.load(dir.resolve("none.pem"), otherKey, null, null))
                .hasMessageContaining("none.pem: no such file");
    }

    private static String traditionalPem(KeyPair keys) throws Exception {
        // via BC's key factory: JDK EC keys leave the curve out of the inner SEC1 structure
        KeyFactory factory = KeyFactory.getInstance(keys.getPrivate().getAlgorithm(), new BouncyCastleProvider());
        KeyPair bcKeys = new KeyPair(factory.generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded())),
                factory.generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded())));
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(bcKeys);
        }
        return out.toString();
    }
}
