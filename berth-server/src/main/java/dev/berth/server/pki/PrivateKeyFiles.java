package dev.berth.server.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Private keys as PEM files, plain or password-protected. Encrypted keys are PKCS#8 with PBES2
 * (AES-256-CBC, PBKDF2-HMAC-SHA256), the {@code ENCRYPTED PRIVATE KEY} form {@code openssl pkcs8 -topk8 -v2 aes256}
 * writes and the Azure samples' "encrypted PEM private key and its password" means. Reading also accepts
 * PKCS#1 RSA, SEC1 EC and OpenSSL's legacy encrypted headers, since CA keys come from many tools.
 */
public final class PrivateKeyFiles {

    /** Used as an instance, never registered, so the JVM's provider list is left alone. */
    private static final Provider BC = new BouncyCastleProvider();

    private PrivateKeyFiles() {
    }

    /** PEM text of the key, encrypted when {@code password} is not null. */
    public static String toPem(PrivateKey key, char[] password) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, password == null ? null
                    : new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC).setProvider(BC)
                            .setPRF(JcaPKCS8Generator.PRF_HMACSHA256).setPassword(password).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot encrypt the private key: " + e.getMessage(), e);
        }
        return out.toString();
    }

    /** Writes the key readable by its owner only; encrypted when {@code password} is not null. */
    public static void write(Path file, PrivateKey key, char[] password) {
        PemFiles.write(file, toPem(key, password), true);
    }

    /**
     * @param password null for an unencrypted key
     * @throws IllegalArgumentException naming the file when it is missing, holds no key, is encrypted and no
     *                                  password was given, or the password is wrong
     */
    public static PrivateKey read(Path file, char[] password) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the private key " + file + ": " + e, e);
        }
        Object block = firstKeyBlock(pem, file);
        boolean encrypted = block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair;
        if (encrypted && password == null) {
            throw new IllegalArgumentException("the private key " + file + " is encrypted; its password is needed");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (block instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (block instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (block instanceof PKCS8EncryptedPrivateKeyInfo pkcs8) {
                return converter.getPrivateKey(pkcs8.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password)));
            }
            PEMEncryptedKeyPair legacy = (PEMEncryptedKeyPair) block;
            return converter.getPrivateKey(legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password))
                    .getPrivateKeyInfo());
        } catch (PKCSException | IOException | OperatorCreationException | RuntimeException e) {
            // a wrong password fails the padding check, or (rarely) passes it and yields bytes that are no key
            throw new IllegalArgumentException(encrypted ? "the password of the private key " + file + " is wrong"
                    : "the private key " + file + " cannot be decoded: " + e.getMessage(), e);
        }
    }

    private static Object firstKeyBlock(String pem, Path file) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object block;
            while ((block = parser.readObject()) != null) {
                if (block instanceof PrivateKeyInfo || block instanceof PEMKeyPair
                        || block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                    return block;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the private key " + file + " cannot be read: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(file + " holds no private key (expected -----BEGIN PRIVATE KEY-----,"
                + " ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
    }
}
