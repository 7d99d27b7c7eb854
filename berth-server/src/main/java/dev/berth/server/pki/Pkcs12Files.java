package dev.berth.server.pki;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PKCS#12 ({@code .p12} / {@code .pfx}) files holding one key entry: the key and its chain, leaf first, written
 * by the JDK's own PKCS#12 key store with its default algorithms (PBES2/AES-256 and an HMAC-SHA256 MAC on
 * current JDKs), which OpenSSL 3, Windows and the Azure SDKs open. The file and the key share one password.
 */
public final class Pkcs12Files {

    private Pkcs12Files() {
    }

    public static void write(Path file, String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("a PKCS#12 file needs a password");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                store.store(out, password);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the PKCS#12 file " + file + ": " + e.getMessage(), e);
        }
    }
}
