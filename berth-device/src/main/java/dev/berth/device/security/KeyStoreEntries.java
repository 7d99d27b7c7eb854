package dev.berth.device.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Reads credential files and key store entries, turning JCA failures into messages that say what to fix. */
final class KeyStoreEntries {

    private KeyStoreEntries() {
    }

    static String readText(Path file, String what) {
        try {
            // ISO-8859-1 never fails to decode; PEM itself is ASCII
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the " + what + " file " + file + ": " + e, e);
        }
    }

    static KeyStore loadPkcs12(Path file, char[] password) {
        if (password == null) {
            throw new IllegalArgumentException("the password of the PKCS#12 file " + file + " is missing"
                    + " (give an empty one for a file without a password)");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + ": no such file", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("the PKCS#12 password is wrong (cannot open " + file + ")", e);
            }
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + ": " + e.getMessage()
                    + " (is it a .p12/.pfx file, not PEM?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code wanted}, checked to be a key entry, or the only key entry when {@code wanted} is null. */
    static String keyAlias(KeyStore store, String wanted, String source) {
        try {
            List<String> keyAliases = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keyAliases.add(alias);
                }
            }
            if (wanted != null) {
                if (!store.containsAlias(wanted)) {
                    throw new IllegalArgumentException(source + " has no entry '" + wanted + "'; its key entries: " + keyAliases);
                }
                if (!store.isKeyEntry(wanted)) {
                    throw new IllegalArgumentException("entry '" + wanted + "' in " + source
                            + " is a certificate without a private key; its key entries: " + keyAliases);
                }
                return wanted;
            }
            if (keyAliases.isEmpty()) {
                throw new IllegalArgumentException(source + " holds no private key entry, only certificates;"
                        + " export the device certificate together with its key");
            }
            if (keyAliases.size() > 1) {
                throw new IllegalArgumentException(source + " holds several private keys " + keyAliases + "; name the alias to use");
            }
            return keyAliases.get(0);
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the key store is not loaded: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(KeyStore store, String alias, char[] password, String source) {
        try {
            Key key = store.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                return privateKey;
            }
            throw new IllegalArgumentException("entry '" + alias + "' in " + source + " is not a private key");
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("the private key password is wrong (cannot recover entry '" + alias + "' of " + source + ")", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read entry '" + alias + "' of " + source + ": " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> chain(KeyStore store, String alias, String source) {
        try {
            Certificate[] chain = store.getCertificateChain(alias);
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("entry '" + alias + "' in " + source + " has no certificate");
            }
            List<X509Certificate> result = new ArrayList<>();
            for (Certificate certificate : chain) {
                if (!(certificate instanceof X509Certificate x509)) {
                    throw new IllegalArgumentException("entry '" + alias + "' in " + source + " holds a non-X.509 certificate");
                }
                result.add(x509);
            }
            return result;
        } catch (KeyStoreException e) {
            throw new IllegalStateException("the key store is not loaded: " + e.getMessage(), e);
        }
    }
}
