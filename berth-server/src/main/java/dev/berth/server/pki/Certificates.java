package dev.berth.server.pki;

import dev.berth.protocol.service.X509CertificateInfo;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/** Parsing certificates as clients upload them, and the facts DPS reports about a certificate. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * Parses one or more certificates from PEM text or from base64 DER (as some clients upload them).
     *
     * @throws IllegalArgumentException with a message fit for the API caller
     */
    public static List<X509Certificate> parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the certificate is empty");
        }
        byte[] bytes = text.contains("-----BEGIN") ? text.getBytes(StandardCharsets.US_ASCII) : decodeBase64(text);
        try {
            Collection<? extends java.security.cert.Certificate> parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> result = new ArrayList<>();
            parsed.forEach(c -> result.add((X509Certificate) c));
            if (result.isEmpty()) {
                throw new IllegalArgumentException("no certificate found; give a PEM certificate (-----BEGIN CERTIFICATE-----) or base64 DER");
            }
            return result;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the certificate cannot be read: " + e.getMessage()
                    + "; give a PEM certificate (-----BEGIN CERTIFICATE-----) or base64 DER", e);
        }
    }

    public static X509Certificate parseOne(String text) {
        return parse(text).get(0);
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the certificate is neither PEM nor base64 DER", e);
        }
    }

    /** Upper-case hex SHA-256 of the DER encoding, the thumbprint Berth indexes certificates by. */
    public static String sha256Thumbprint(X509Certificate certificate) {
        return digest("SHA-256", certificate);
    }

    public static String sha1Thumbprint(X509Certificate certificate) {
        return digest("SHA-1", certificate);
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }

    public static X509CertificateInfo info(X509Certificate c) {
        return new X509CertificateInfo(c.getSubjectX500Principal().getName(), sha1Thumbprint(c), sha256Thumbprint(c),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant().toString(), c.getNotAfter().toInstant().toString(),
                c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT), c.getVersion());
    }

    /** The subject's common name, or null when it has none. */
    public static String commonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdns.get(i).getValue());
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    public static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    public static boolean isCa(X509Certificate certificate) {
        return certificate.getBasicConstraints() >= 0;
    }
}
