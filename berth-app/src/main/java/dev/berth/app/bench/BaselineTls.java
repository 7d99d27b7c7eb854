package dev.berth.app.bench;

import dev.berth.device.security.TrustedCa;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The certificate the baseline server presents: the in-process Berth server's own chain and key, so both runs do the
 * same TLS work; against a --target (whose key the bench does not have) a throwaway EC P-256 chain of the same shape.
 */
record BaselineTls(List<X509Certificate> chain, PrivateKey key, TrustedCa trustedCa) {

    static BaselineTls of(InProcessBerth server) {
        List<X509Certificate> chain = PemFiles.readCertificates(server.serverCertificateChain());
        return new BaselineTls(chain, PemFiles.readPrivateKey(server.serverKey()), TrustedCa.of(chain.get(chain.size() - 1)));
    }

    static BaselineTls generated() {
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("Berth bench baseline CA"), caKeys,
                Duration.ofDays(1), null);
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate server = CertificateIssuer.serverCertificate(CertificateIssuer.commonName("localhost"), keys.getPublic(), ca,
                caKeys.getPrivate(), List.of("localhost", "127.0.0.1"), Duration.ofDays(1));
        return new BaselineTls(List.of(server, ca), keys.getPrivate(), TrustedCa.of(ca));
    }
}
