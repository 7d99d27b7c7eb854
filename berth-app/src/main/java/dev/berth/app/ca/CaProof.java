package dev.berth.app.ca;

import dev.berth.app.CliException;
import dev.berth.protocol.service.CertificateResponse;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.pki.ProofOfPossession;
import dev.berth.server.pki.SigningCa;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Proof of possession in one go: ask the service for a verification code, sign a certificate with CN = the code
 * with the CA's key, upload it. {@code berth ca prove} and {@code berth demo} both run it.
 */
public final class CaProof {
    /** The proof is used once, right away; a day leaves room for clocks that disagree. */
    static final Duration PROOF_VALIDITY = Duration.ofDays(1);

    private CaProof() {
    }

    /** What happened: the code, the certificate that proved it, and the CA as the server now has it. */
    public record Result(String verificationCode, X509Certificate proof, CertificateResponse ca) {
    }

    /**
     * @param steps told each step as it is done, in words for the person at the terminal
     * @throws CliException when the CA is not registered or {@code signer} is another CA than the registered one
     */
    public static Result prove(CaRegistry registry, String name, SigningCa signer, Consumer<String> steps) {
        CertificateResponse registered = registry.require(name);
        String thumbprint = Certificates.sha256Thumbprint(signer.certificate());
        if (!thumbprint.equalsIgnoreCase(registered.properties().sha256Thumbprint())) {
            throw new CliException("the CA certificate given (" + signer.certificate().getSubjectX500Principal().getName()
                    + ", SHA-256 " + thumbprint + ") is not the one registered as '" + name + "' (" + registered.properties().subject()
                    + ", SHA-256 " + registered.properties().sha256Thumbprint() + "); give that CA's certificate and key");
        }
        if (registered.properties().isVerified()) {
            steps.accept("CA '" + name + "' is already verified; proving possession again.");
        }
        String code = registry.generateVerificationCode(name).properties().verificationCode();
        if (code == null || code.isBlank()) {
            throw new CliException("the service API answered generateVerificationCode without a verification code");
        }
        steps.accept("1. verification code from the service: " + code);
        X509Certificate proof = ProofOfPossession.certificate(code, signer, PROOF_VALIDITY);
        steps.accept("2. signed a certificate with CN=" + code + " with the key of " + signer.certificate().getSubjectX500Principal()
                .getName());
        CertificateResponse verified = registry.verify(name, PemFiles.toPem(proof));
        steps.accept("3. uploaded it: CA '" + name + "' is " + (verified.properties().isVerified() ? "verified." : "still NOT verified."));
        return new Result(code, proof, verified);
    }
}
