package dev.berth.app.pki;

import java.io.FileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.openssl.PEMParser;

/** Reads what the commands wrote with the JDK and BouncyCastle only, independent of Berth's own readers. */
final class PkiFiles {
    private PkiFiles() {
    }

    static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> result = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in).forEach(c -> result.add((X509Certificate) c));
            return result;
        }
    }

    static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        return certificates(pem).get(0);
    }

    static Object pemObject(Path pem) throws IOException {
        try (PEMParser parser = new PEMParser(new FileReader(pem.toFile()))) {
            return parser.readObject();
        }
    }

    /** PKIX validation of {@code chain} (leaf first, root excluded) against {@code root}, revocation off. */
    static PKIXCertPathValidatorResult validate(List<X509Certificate> chain, X509Certificate root) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        var path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
        return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    static KeyStore pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        }
    }
}
