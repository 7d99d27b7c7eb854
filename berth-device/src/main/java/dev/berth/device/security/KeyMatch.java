package dev.berth.device.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Whether a private key belongs to a certificate's public key. A PKCS#8 EC key usually carries no public
 * point, so the public keys cannot always be compared directly; signing a probe with the private key and
 * verifying it with the certificate's key answers the question for every key type.
 */
final class KeyMatch {

    private static final byte[] PROBE = "berth key match probe".getBytes(StandardCharsets.US_ASCII);

    private KeyMatch() {
    }

    static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        if (privateKey instanceof RSAPrivateCrtKey rsa && publicKey instanceof RSAPublicKey pub) {
            return rsa.getModulus().equals(pub.getModulus()) && rsa.getPublicExponent().equals(pub.getPublicExponent());
        }
        String algorithm = signatureAlgorithm(publicKey);
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // a key on another curve, or of a size the other cannot handle, does not match either
            return false;
        }
    }

    private static String signatureAlgorithm(PublicKey key) {
        if (key instanceof ECPublicKey) {
            return "SHA256withECDSA";
        }
        if (key instanceof RSAPublicKey) {
            return "SHA256withRSA";
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> null;
        };
    }
}
