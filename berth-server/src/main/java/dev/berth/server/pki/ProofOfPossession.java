package dev.berth.server.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * The certificate that proves its uploader holds a CA's private key: CN = the verification code the service
 * handed out, signed by that CA. Its own key pair is thrown away; only the CA's signature matters.
 */
public final class ProofOfPossession {

    /** X.520's upper bound for a common name. */
    private static final int MAX_CN_LENGTH = 64;

    private ProofOfPossession() {
    }

    /** @throws IllegalArgumentException if the code is blank or longer than a CN may be */
    public static X509Certificate certificate(String verificationCode, SigningCa ca, Duration validity) {
        if (verificationCode == null || verificationCode.isBlank()) {
            throw new IllegalArgumentException("the verification code is missing");
        }
        String code = verificationCode.strip();
        if (code.length() > MAX_CN_LENGTH) {
            throw new IllegalArgumentException("the verification code is " + code.length() + " characters; a CN holds at most "
                    + MAX_CN_LENGTH + " (copy the code exactly as the service printed it)");
        }
        KeyPair throwaway = KeyAlgorithm.EC_P256.generate();
        return CertificateIssuer.clientCertificate(CertificateIssuer.commonName(code), throwaway.getPublic(), ca.certificate(),
                ca.key(), null, validity);
    }
}
