package dev.berth.server.pki;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CA certificate with its private key, loaded to sign certificates below it, plus the certificates above it
 * (its own intermediates, if any) so that what it issues can be handed out with the chain a device presents.
 *
 * @param chainAbove the CA's issuers up to, but excluding, a self-signed root; empty for a root
 */
public record SigningCa(X509Certificate certificate, PrivateKey key, List<X509Certificate> chainAbove) {

    private static final byte[] PROBE = "berth CA key check".getBytes(StandardCharsets.US_ASCII);

    /**
     * Loads the CA: the first certificate of {@code certificateFile} is the CA, any further ones (and those of
     * {@code chainFile}, when given) are its chain.
     *
     * @param keyPassword null for an unencrypted key
     * @throws IllegalArgumentException when a file is missing, the certificate is not a CA or has expired,
     *                                  the key is encrypted without a password or the password is wrong, or
     *                                  the key does not belong to the certificate
     */
    public static SigningCa load(Path certificateFile, Path keyFile, char[] keyPassword, Path chainFile) {
        List<X509Certificate> certificates = certificates(certificateFile, "CA certificate");
        X509Certificate ca = certificates.get(0);
        if (!Certificates.isCa(ca)) {
            throw new IllegalArgumentException("the certificate in " + certificateFile + " (" + ca.getSubjectX500Principal().getName()
                    + ") is not a CA (its basic constraints do not say CA:TRUE), so it cannot sign certificates");
        }
        if (ca.getNotAfter().toInstant().isBefore(Instant.now())) {
            throw new IllegalArgumentException("the CA certificate in " + certificateFile + " expired on " + ca.getNotAfter().toInstant());
        }
        PrivateKey key = PrivateKeyFiles.read(keyFile, keyPassword);
        if (!belongsTo(key, ca.getPublicKey())) {
            throw new IllegalArgumentException("the key " + keyFile + " does not belong to the CA certificate in " + certificateFile
                    + " (" + ca.getSubjectX500Principal().getName() + ")");
        }
        Set<X509Certificate> above = new LinkedHashSet<>(certificates.subList(1, certificates.size()));
        if (chainFile != null) {
            above.addAll(certificates(chainFile, "chain"));
        }
        above.remove(ca);
        above.removeIf(Certificates::isSelfSigned);
        return new SigningCa(ca, key, List.copyOf(above));
    }

    /**
     * What a holder of {@code issued} presents: it, then this CA and its chain, without the self-signed root
     * (the verifier has the root; sending it only costs bytes).
     */
    public List<X509Certificate> presentedChain(X509Certificate issued) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(issued);
        if (!Certificates.isSelfSigned(certificate)) {
            chain.add(certificate);
        }
        chain.addAll(chainAbove);
        return chain;
    }

    private static List<X509Certificate> certificates(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("cannot read the " + what + " " + file + ": no such file");
        }
        try {
            List<X509Certificate> certificates = PemFiles.readCertificates(file);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return certificates;
        } catch (UncheckedIOException e) {
            String reason = e.getCause() instanceof NoSuchFileException ? "no such file" : e.getCause().getMessage();
            throw new IllegalArgumentException("cannot read the " + what + " " + file + ": " + reason, e);
        }
    }

    /** Signs a probe and verifies it with the certificate's key: works for EC keys that carry no public point. */
    static boolean belongsTo(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = KeyAlgorithm.signatureAlgorithmFor(key);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
