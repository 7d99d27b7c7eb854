package dev.berth.server.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** Key types Berth generates; EC P-256 is the default everywhere. */
public enum KeyAlgorithm {
    EC_P256("EC", "secp256r1", 0, "SHA256withECDSA"),
    EC_P384("EC", "secp384r1", 0, "SHA384withECDSA"),
    RSA_2048("RSA", null, 2048, "SHA256withRSA"),
    RSA_3072("RSA", null, 3072, "SHA256withRSA");

    private final String family;
    private final String curve;
    private final int bits;
    private final String signatureAlgorithm;

    KeyAlgorithm(String family, String curve, int bits, String signatureAlgorithm) {
        this.family = family;
        this.curve = curve;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(family);
            if (curve != null) {
                generator.initialize(new ECGenParameterSpec(curve));
            } else {
                generator.initialize(bits);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key", e);
        }
    }

    /** The signature algorithm a key of this issuer's type signs with. */
    public static String signatureAlgorithmFor(java.security.PrivateKey issuerKey) {
        if (issuerKey instanceof java.security.interfaces.ECPrivateKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize() > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
        }
        return "SHA256withRSA";
    }
}
