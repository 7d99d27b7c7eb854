package dev.berth.device.security;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code CERTIFICATE} blocks of PEM text; anything between blocks (comments, bag attributes) is skipped. */
final class PemCertificates {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

    private PemCertificates() {
    }

    /** @throws IllegalArgumentException naming {@code source} when there is no block or a block is not a certificate */
    static List<X509Certificate> parse(String pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(pem);
        while (matcher.find()) {
            int index = certificates.size() + 1;
            byte[] der;
            try {
                der = Base64.getDecoder().decode(matcher.group(1).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("certificate " + index + " in " + source + " is not valid base64: " + e.getMessage(), e);
            }
            certificates.add(decode(der, index, source));
        }
        if (certificates.isEmpty()) {
            String hint = pem.contains("PRIVATE KEY") ? " (it holds a private key; a device needs the CA certificate)" : "";
            throw new IllegalArgumentException("no certificate found in " + source
                    + "; expected a PEM block starting with -----BEGIN CERTIFICATE-----" + hint);
        }
        return certificates;
    }

    private static X509Certificate decode(byte[] der, int index, String source) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate " + index + " in " + source + " is not a valid X.509 certificate: " + e.getMessage(), e);
        }
    }
}
