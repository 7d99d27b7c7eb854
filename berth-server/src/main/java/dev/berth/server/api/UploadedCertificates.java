package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.pki.Certificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** Reads one certificate a client uploaded (PEM or base64 DER) and refuses it with a message naming the field. */
final class UploadedCertificates {
    private UploadedCertificates() {
    }

    /**
     * @param field where the certificate was, e.g. {@code x509.clientCertificates.primary.certificate}
     * @throws ProvisioningException of {@code code} when it is unreadable, a chain, or expired at {@code now}
     */
    static X509Certificate readOne(String text, String field, Instant now, DpsErrorCode code) {
        if (text == null || text.isBlank()) {
            throw new ProvisioningException(code, field + " is missing; give the certificate as PEM"
                    + " (-----BEGIN CERTIFICATE-----) or base64 DER");
        }
        List<X509Certificate> certificates;
        try {
            certificates = Certificates.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(code, field + ": " + e.getMessage());
        }
        if (certificates.size() > 1) {
            throw new ProvisioningException(code, field + " holds " + certificates.size()
                    + " certificates; give exactly one certificate there, not a chain");
        }
        X509Certificate certificate = certificates.get(0);
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (notAfter.isBefore(now)) {
            throw new ProvisioningException(code, "the certificate in " + field + " (" + certificate.getSubjectX500Principal()
                    .getName() + ") expired on " + notAfter + " (notAfter); upload a certificate that is still valid");
        }
        return certificate;
    }
}
