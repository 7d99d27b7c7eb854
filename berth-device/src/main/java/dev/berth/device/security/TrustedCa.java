package dev.berth.device.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities a device trusts for the server's TLS certificate: a CA the device was given
 * (Berth's generated root, a company CA) or the JDK's trust store for Azure. The server's host name is
 * always checked against its certificate as well.
 */
public final class TrustedCa {

    private final List<X509Certificate> certificates;
    private final String description;

    private TrustedCa(List<X509Certificate> certificates, String description) {
        this.certificates = certificates;
        this.description = description;
    }

    /**
     * The CA certificate(s) in a PEM file, e.g. the {@code caCertificate} path {@code berth info} prints.
     *
     * @throws IllegalArgumentException if the file cannot be read or holds no valid certificate
     */
    public static TrustedCa fromPemFile(Path pemFile) {
        Objects.requireNonNull(pemFile, "pemFile");
        String pem;
        try {
            pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the CA certificate file " + pemFile + ": " + e, e);
        }
        return of(PemCertificates.parse(pem, pemFile.toString()), "the CA in " + pemFile);
    }

    /**
     * The CA certificate(s) in PEM text ({@code -----BEGIN CERTIFICATE-----} blocks).
     *
     * @throws IllegalArgumentException if the text holds no valid certificate
     */
    public static TrustedCa fromPem(String pemText) {
        Objects.requireNonNull(pemText, "pemText");
        return of(PemCertificates.parse(pemText, "the PEM text"), "the given CA");
    }

    public static TrustedCa of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        return of(List.of(certificate), "the given CA");
    }

    /** The JDK's default trust store: right for Azure DPS, whose certificates chain to public roots. */
    public static TrustedCa systemDefault() {
        return new TrustedCa(List.of(), "the JDK default trust store");
    }

    private static TrustedCa of(List<X509Certificate> certificates, String source) {
        String subjects = certificates.stream()
                .map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.joining("; "));
        return new TrustedCa(List.copyOf(certificates), source + " (" + subjects + ")");
    }

    /** True for {@link #systemDefault()}. */
    public boolean isSystemDefault() {
        return certificates.isEmpty();
    }

    /** The given CA certificates; empty for {@link #systemDefault()}. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** A trust manager factory that trusts exactly these CAs (or the JDK defaults). */
    public TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (isSystemDefault()) {
                factory.init((KeyStore) null);
                return factory;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust manager for " + description + ": " + e, e);
        }
    }

    /** Says where the trust comes from, for error messages, e.g. "the CA in /data/ca.pem (CN=Berth Root CA)". */
    @Override
    public String toString() {
        return description;
    }
}
