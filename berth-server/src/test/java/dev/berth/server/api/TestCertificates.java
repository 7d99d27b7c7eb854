package dev.berth.server.api;

import dev.berth.server.Json;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import java.security.KeyPair;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** Certificates generated at test time: CAs, intermediates, device and proof-of-possession certificates. */
final class TestCertificates {
    private static final Duration YEAR = Duration.ofDays(365);

    private TestCertificates() {
    }

    /** A certificate and the key that signs with it. */
    record Issued(X509Certificate certificate, KeyPair keys) {
        String pem() {
            return PemFiles.toPem(certificate);
        }

        /** The PEM as a JSON string literal, quotes included. */
        String json() {
            return Json.write(pem());
        }

        String base64Der() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Issued rootCa(String cn) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        return new Issued(CertificateIssuer.selfSignedCa(CertificateIssuer.commonName(cn), keys, YEAR, null), keys);
    }

    static Issued intermediateCa(String cn, Issued issuer) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        return new Issued(CertificateIssuer.signedCa(CertificateIssuer.commonName(cn), keys.getPublic(),
                issuer.certificate(), issuer.keys().getPrivate(), YEAR, null), keys);
    }

    static Issued selfSignedDevice(String cn) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        return new Issued(CertificateIssuer.clientCertificate(CertificateIssuer.commonName(cn), keys.getPublic(), null,
                keys.getPrivate(), null, YEAR), keys);
    }

    static Issued device(String cn, Issued issuer) {
        return device(cn, issuer, null, YEAR);
    }

    static Issued device(String cn, Issued issuer, Instant notBefore, Duration validity) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        return new Issued(CertificateIssuer.clientCertificate(CertificateIssuer.commonName(cn), keys.getPublic(),
                issuer.certificate(), issuer.keys().getPrivate(), notBefore, validity), keys);
    }

    static Issued expiredSelfSignedDevice(String cn) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        return new Issued(CertificateIssuer.clientCertificate(CertificateIssuer.commonName(cn), keys.getPublic(), null,
                keys.getPrivate(), Instant.now().minus(Duration.ofDays(30)), Duration.ofDays(10)), keys);
    }
}
