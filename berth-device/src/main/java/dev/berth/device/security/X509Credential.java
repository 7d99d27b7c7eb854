package dev.berth.device.security;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * A device's X.509 certificate and private key. The device presents the certificate chain in the TLS
 * handshake (leaf first, then the intermediates up to but excluding the root) and sends no SAS token; the
 * leaf's CN is the registration ID. The key is checked against the certificate when the credential is made,
 * so a mismatch fails here with a clear message rather than as an opaque TLS or {@code 401002} failure.
 * {@link #toString()} never shows the key.
 */
public final class X509Credential implements DeviceCredential {

    private final List<X509Certificate> chain;
    private final PrivateKey privateKey;
    private final String registrationId;

    private X509Credential(List<X509Certificate> chain, PrivateKey privateKey, String registrationId) {
        this.chain = chain;
        this.privateKey = privateKey;
        this.registrationId = registrationId;
    }

    /**
     * The certificate (or the chain, leaf first) and the private key in PEM files, as {@code berth pki device}
     * and OpenSSL write them.
     *
     * @param password the key's password, or null when the key is not encrypted
     * @throws IllegalArgumentException naming the file when a file cannot be read or holds no certificate or key,
     *                                  when the password is missing or wrong, or the key does not match the certificate
     */
    public static X509Credential fromPem(Path certificateOrChainPem, Path privateKeyPem, char[] password) {
        Objects.requireNonNull(certificateOrChainPem, "certificateOrChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        String certificateText = KeyStoreEntries.readText(certificateOrChainPem, "device certificate");
        String keyText = KeyStoreEntries.readText(privateKeyPem, "private key");
        List<X509Certificate> chain = PemCertificates.parse(certificateText, certificateOrChainPem.toString());
        PrivateKey key = PemPrivateKeys.parse(keyText, password, privateKeyPem.toString());
        return of(key, chain, certificateOrChainPem.toString());
    }

    /**
     * {@link #fromPem(Path, Path, char[])} from PEM text.
     *
     * @param password the key's password, or null when the key is not encrypted
     */
    public static X509Credential fromPem(String certificateOrChainPem, String privateKeyPem, char[] password) {
        Objects.requireNonNull(certificateOrChainPem, "certificateOrChainPem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        List<X509Certificate> chain = PemCertificates.parse(certificateOrChainPem, "the certificate PEM text");
        PrivateKey key = PemPrivateKeys.parse(privateKeyPem, password, "the private key PEM text");
        return of(key, chain, "the certificate PEM text");
    }

    /**
     * The only key entry of a PKCS#12 ({@code .p12} / {@code .pfx}) file.
     *
     * @throws IllegalArgumentException when the file cannot be read, the password is wrong, or it holds no key
     *                                  entry or several (then name one with {@link #fromPkcs12(Path, char[], String)})
     */
    public static X509Credential fromPkcs12(Path p12, char[] password) {
        return fromPkcs12(p12, password, null);
    }

    /** The key entry {@code alias} of a PKCS#12 file (its key protected by the same password as the file). */
    public static X509Credential fromPkcs12(Path p12, char[] password, String alias) {
        Objects.requireNonNull(p12, "p12");
        KeyStore store = KeyStoreEntries.loadPkcs12(p12, password);
        String source = "the PKCS#12 file " + p12;
        String chosen = KeyStoreEntries.keyAlias(store, alias, source);
        return fromEntry(store, chosen, password, source);
    }

    /**
     * The key entry {@code alias} of a loaded key store (PKCS#12, JKS, an HSM's store).
     *
     * @throws IllegalArgumentException when there is no key entry {@code alias} or the password is wrong
     */
    public static X509Credential fromKeyStore(KeyStore keyStore, String alias, char[] keyPassword) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(alias, "alias");
        String source = "the key store entry '" + alias + "'";
        return fromEntry(keyStore, KeyStoreEntries.keyAlias(keyStore, alias, "the key store"), keyPassword, source);
    }

    /** A key and its certificate chain (leaf first) already in memory. */
    public static X509Credential of(PrivateKey privateKey, List<X509Certificate> certificateChain) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificateChain, "certificateChain");
        return of(privateKey, certificateChain, "the given certificate chain");
    }

    private static X509Credential fromEntry(KeyStore store, String alias, char[] password, String source) {
        return of(KeyStoreEntries.privateKey(store, alias, password, source), KeyStoreEntries.chain(store, alias, source), source);
    }

    private static X509Credential of(PrivateKey key, List<X509Certificate> chain, String source) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("no certificate found in " + source);
        }
        if (!KeyMatch.matches(key, chain.get(0).getPublicKey())) {
            for (int i = 1; i < chain.size(); i++) {
                if (KeyMatch.matches(key, chain.get(i).getPublicKey())) {
                    throw new IllegalArgumentException("the private key belongs to certificate " + (i + 1) + " in " + source
                            + ", not the first; put the device certificate first, then its intermediates");
                }
            }
            throw new IllegalArgumentException("the private key does not match the device certificate in " + source
                    + " (" + chain.get(0).getSubjectX500Principal().getName() + "); use the key the certificate was issued for");
        }
        String commonName = CommonNames.of(chain.get(0));
        if (commonName == null || commonName.isBlank()) {
            throw new IllegalArgumentException("the device certificate in " + source + " has no CN ("
                    + chain.get(0).getSubjectX500Principal().getName() + "); its CN must be the registration ID");
        }
        return new X509Credential(List.copyOf(chain), key, commonName);
    }

    /** The leaf certificate's CN, which the service requires to equal the registration ID. */
    public String registrationId() {
        return registrationId;
    }

    /** The device certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** The chain presented in TLS: leaf first, then what else was given (intermediates). */
    public List<X509Certificate> certificateChain() {
        return chain;
    }

    /** A key manager factory that presents this certificate chain as the TLS client certificate. */
    public KeyManagerFactory keyManagerFactory() {
        try {
            char[] entryPassword = "berth-in-memory".toCharArray(); // protects nothing: the store never leaves memory
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("device", privateKey, entryPassword, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, entryPassword);
            return factory;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a key manager for " + this + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "X509Credential[" + certificate().getSubjectX500Principal().getName() + ", chain of " + chain.size()
                + ", key hidden]";
    }
}
