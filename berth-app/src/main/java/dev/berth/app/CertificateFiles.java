package dev.berth.app;

import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.pki.SigningCa;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the certificate files given to the enrollment and CA commands. A file may hold a chain (as
 * {@code NAME.chain.pem} does): the first certificate is the one meant, as for {@code berth pki --ca-cert}.
 */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    /**
     * The signing CA of {@code --ca-cert}/{@code --ca-key} (and its {@code --chain}, or null), as {@code berth pki} and
     * {@code berth ca prove} take it; an encrypted key without {@code --ca-key-password} gets that hint.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static SigningCa signingCa(Path certificate, Path key, String keyPassword, Path chain) {
        try {
            return SigningCa.load(certificate, key, keyPassword == null ? null : keyPassword.toCharArray(), chain);
        } catch (IllegalArgumentException e) {
            String hint = keyPassword == null && e.getMessage().contains("is encrypted") ? "; give it with --ca-key-password" : "";
            throw new IllegalArgumentException(e.getMessage() + hint, e);
        }
    }

    /** The certificate to upload, as PEM, and parsed for summaries and checks. */
    public record Upload(String pem, X509Certificate certificate) {
    }

    /**
     * @param option the option that named the file, for messages
     * @param notes  where to say that further certificates in the file were left out
     * @throws CliException when the file is missing or holds no certificate
     */
    public static Upload read(Path file, String option, PrintWriter notes) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException(option + " " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        List<X509Certificate> certificates = parse(bytes, file, option);
        X509Certificate first = certificates.get(0);
        if (certificates.size() > 1 && notes != null) {
            notes.println("note: " + file + " holds " + certificates.size() + " certificates; " + option + " uses the first ("
                    + first.getSubjectX500Principal().getName() + "), the others are its chain");
            notes.flush();
        }
        return new Upload(PemFiles.toPem(first), first);
    }

    /** A primary and an optional secondary certificate, as an attestation carries them (the server computes their info). */
    static X509Certificates pair(Path primary, String primaryOption, Path secondary, String secondaryOption, PrintWriter notes) {
        X509CertificateWithInfo first = new X509CertificateWithInfo(read(primary, primaryOption, notes).pem(), null);
        X509CertificateWithInfo second = secondary == null ? null
                : new X509CertificateWithInfo(read(secondary, secondaryOption, notes).pem(), null);
        return new X509Certificates(first, second);
    }

    private static List<X509Certificate> parse(byte[] bytes, Path file, String option) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN CERTIFICATE-----")) {
            try {
                return Certificates.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CliException(option + " " + file + ": " + e.getMessage(), e);
            }
        }
        if (text.contains("PRIVATE KEY-----")) {
            throw new CliException(option + " " + file + " holds a private key, not a certificate; give the .cert.pem file");
        }
        try { // DER, as .cer and .der files hold it
            List<X509Certificate> certificates = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))
                    .forEach(c -> certificates.add((X509Certificate) c));
            if (!certificates.isEmpty()) {
                return certificates;
            }
        } catch (CertificateException | RuntimeException e) {
            // not DER either; the message below says what is expected
        }
        String hint = file.toString().matches("(?i).*\\.(p12|pfx)$")
                ? " (a PKCS#12 file holds the key too; give the PEM certificate, e.g. the NAME.cert.pem berth pki wrote beside NAME.p12)" : "";
        throw new CliException(option + " " + file + " holds no certificate; give a PEM file (-----BEGIN CERTIFICATE-----)"
                + " or a DER certificate" + hint);
    }
}
