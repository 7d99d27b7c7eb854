package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.CaCertificateRecord;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Proof that whoever registered a CA certificate holds its private key: a certificate whose CN is the
 * verification code the service generated, signed by that CA and valid now. Each refusal says what to fix.
 */
final class ProofOfPossession {
    private ProofOfPossession() {
    }

    /** @throws ProvisioningException 400 with the exact reason when {@code proofText} does not prove possession */
    static void check(CaCertificateRecord ca, String proofText, Instant now) {
        String name = ca.name();
        if (ca.verificationCode() == null) {
            throw refused("no verification code has been generated for CA certificate '" + name + "'; POST /certificates/"
                    + name + "/generateVerificationCode first, then sign a certificate with CN=<the code> with this CA's"
                    + " private key and POST it to /certificates/" + name + "/verify");
        }
        X509Certificate proof = readProof(proofText);
        String cn = Certificates.commonName(proof);
        if (cn == null || !cn.strip().equalsIgnoreCase(ca.verificationCode())) {
            throw refused("the verification certificate's CN is " + (cn == null ? "missing" : "'" + cn + "'")
                    + ", but it must be the current verification code of CA certificate '" + name + "': expected CN '"
                    + ca.verificationCode() + "' (a new generateVerificationCode call replaces the code)");
        }
        X509Certificate caCertificate = Certificates.parseOne(ca.certificatePem());
        try {
            proof.verify(caCertificate.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw refused("the verification certificate (issuer " + proof.getIssuerX500Principal().getName()
                    + ") is not signed by CA certificate '" + name + "' (subject " + caCertificate.getSubjectX500Principal()
                    .getName() + "); sign it with that CA's private key");
        }
        Instant notBefore = proof.getNotBefore().toInstant();
        Instant notAfter = proof.getNotAfter().toInstant();
        if (now.isBefore(notBefore)) {
            throw refused("the verification certificate is not valid yet: its notBefore is " + notBefore + ", now is " + now);
        }
        if (now.isAfter(notAfter)) {
            throw refused("the verification certificate expired on " + notAfter + " (notAfter); issue a new one");
        }
    }

    /** The leaf when a chain is sent. */
    private static X509Certificate readProof(String text) {
        if (text == null || text.isBlank()) {
            throw refused("the body needs the verification certificate: {\"certificate\":\"<PEM or base64 DER>\"}");
        }
        try {
            List<X509Certificate> certificates = Certificates.parse(text);
            return certificates.get(0);
        } catch (IllegalArgumentException e) {
            throw refused("the verification certificate: " + e.getMessage());
        }
    }

    private static ProvisioningException refused(String message) {
        return new ProvisioningException(DpsErrorCode.BAD_REQUEST, message);
    }
}
