package dev.berth.server.attestation;

import dev.berth.server.pki.Certificates;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates a presented chain against the one CA that anchors the matched enrollment group (PKIX path
 * validation: signatures, validity, basic constraints, key usage). Revocation is not checked.
 */
final class ChainValidator {
    private ChainValidator() {
    }

    /**
     * @param path the presented certificates from the leaf up to, but excluding, the anchor
     * @param anchor the enrollment group's CA
     */
    static void validate(List<X509Certificate> path, X509Certificate anchor, Instant now) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPath certPath = factory.generateCertPath(path);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
        } catch (CertPathValidatorException e) {
            throw LeafCertificateChecks.refuse(describe(e, path, anchor));
        } catch (GeneralSecurityException e) {
            throw LeafCertificateChecks.refuse("the certificate chain cannot be validated: " + e.getMessage());
        }
    }

    private static String describe(CertPathValidatorException e, List<X509Certificate> path, X509Certificate anchor) {
        int index = e.getIndex();
        String which = index >= 0 && index < path.size()
                ? "certificate '" + Certificates.commonName(path.get(index)) + "' (position " + index + " of the presented chain)"
                : "the chain";
        String reason = e.getReason() == null ? "" : " [" + e.getReason() + "]";
        return "the chain does not lead to the CA '" + Certificates.commonName(anchor) + "' of the enrollment group: " + which
                + " failed validation: " + e.getMessage() + reason;
    }
}
