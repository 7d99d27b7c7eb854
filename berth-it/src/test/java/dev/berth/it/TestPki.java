package dev.berth.it;

import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;

/** Device PKI made at test time: CAs, intermediates and device certificates with the chains devices present. */
public final class TestPki {
    private static final Duration YEAR = Duration.ofDays(365);

    private TestPki() {
    }

    /** A certificate, its key, and the chain a device presents (itself first, then its issuers below the root). */
    public record Issued(X509Certificate certificate, KeyPair keys, List<X509Certificate> chain) {
        public String pem() {
            return PemFiles.toPem(certificate);
        }

        /** A key manager that presents {@code presented} (leaf first) with this key. */
        public KeyManagerFactory keyManagerFactory(List<X509Certificate> presented) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("device", keys.getPrivate(), new char[0], presented.toArray(X509Certificate[]::new));
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, new char[0]);
                return factory;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        public KeyManagerFactory keyManagerFactory() {
            return keyManagerFactory(chain);
        }
    }

    public static String pemOf(X509Certificate certificate) {
        return PemFiles.toPem(certificate);
    }

    public static Issued rootCa(String cn) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate root = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName(cn), keys, YEAR, null);
        return new Issued(root, keys, List.of());
    }

    public static Issued intermediateCa(String cn, Issued issuer) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.signedCa(CertificateIssuer.commonName(cn), keys.getPublic(),
                issuer.certificate(), issuer.keys().getPrivate(), YEAR, null);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(ca);
        chain.addAll(issuer.chain());
        return new Issued(ca, keys, chain);
    }

    public static Issued selfSignedDevice(String cn) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName(cn), keys.getPublic(), null,
                keys.getPrivate(), null, YEAR);
        return new Issued(leaf, keys, List.of(leaf));
    }

    public static Issued device(String cn, Issued issuer) {
        return device(cn, issuer, null, YEAR);
    }

    /** A device certificate whose key usage lacks (or has) digitalSignature, built outside Berth's issuer on purpose. */
    public static Issued deviceWithKeyUsage(String cn, Issued issuer, boolean digitalSignature) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        try {
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(issuer.certificate(),
                    java.math.BigInteger.valueOf(System.nanoTime()), java.util.Date.from(Instant.now().minus(Duration.ofMinutes(5))),
                    java.util.Date.from(Instant.now().plus(YEAR)), CertificateIssuer.commonName(cn), keys.getPublic());
            builder.addExtension(org.bouncycastle.asn1.x509.Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(
                    digitalSignature ? org.bouncycastle.asn1.x509.KeyUsage.digitalSignature : org.bouncycastle.asn1.x509.KeyUsage.keyAgreement));
            var signer = new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(issuer.keys().getPrivate());
            X509Certificate leaf = new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(builder.build(signer));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(leaf);
            chain.addAll(issuer.chain());
            return new Issued(leaf, keys, chain);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued device(String cn, Issued issuer, Instant notBefore, Duration validity) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName(cn), keys.getPublic(),
                issuer.certificate(), issuer.keys().getPrivate(), notBefore, validity);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        chain.addAll(issuer.chain());
        return new Issued(leaf, keys, chain);
    }
}
