package dev.berth.device.security;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.Provider;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads the private key of a PEM file in any of the forms tools write: PKCS#8 ({@code PRIVATE KEY}),
 * encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 as OpenSSL and the Azure samples write it),
 * PKCS#1 RSA ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}), the last two also with
 * OpenSSL's legacy {@code Proc-Type: 4,ENCRYPTED} headers. Parsing ASN.1 is left to BouncyCastle.
 */
final class PemPrivateKeys {

    /** Used as an instance, never registered, so the application's JCA provider list is left alone. */
    private static final Provider BC = new BouncyCastleProvider();

    private PemPrivateKeys() {
    }

    /**
     * @param password null when the key is not encrypted
     * @throws IllegalArgumentException naming {@code source} when there is no key, it is encrypted and no
     *                                  password was given, or the password is wrong
     */
    static PrivateKey parse(String pem, char[] password, String source) {
        Object block = firstKeyBlock(pem, source);
        boolean encrypted = block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair;
        if (encrypted && password == null) {
            throw new IllegalArgumentException("the private key in " + source + " is encrypted; give its password");
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try {
            if (block instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (block instanceof PEMKeyPair pair) {
                // only the private part: SEC1 keys may leave out the optional public key
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            return converter.getPrivateKey(decrypt(block, password));
        } catch (PKCSException | IOException | RuntimeException e) {
            // a wrong password fails the padding check, or (rarely) passes it and yields bytes that are no key
            if (encrypted) {
                throw new IllegalArgumentException("the private key password is wrong (cannot decrypt the key in " + source + ")", e);
            }
            throw new IllegalArgumentException("the private key in " + source + " cannot be decoded: " + e.getMessage(), e);
        } catch (OperatorCreationException e) {
            throw new IllegalArgumentException("the private key in " + source + " is encrypted with an algorithm this JVM does not offer: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKeyInfo decrypt(Object block, char[] password)
            throws PKCSException, IOException, OperatorCreationException {
        if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(password));
        }
        PEMEncryptedKeyPair legacy = (PEMEncryptedKeyPair) block;
        return legacy.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(password)).getPrivateKeyInfo();
    }

    private static Object firstKeyBlock(String pem, String source) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object block;
            while ((block = parser.readObject()) != null) {
                if (block instanceof PrivateKeyInfo || block instanceof PEMKeyPair
                        || block instanceof PKCS8EncryptedPrivateKeyInfo || block instanceof PEMEncryptedKeyPair) {
                    return block;
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("the private key in " + source + " cannot be read: " + e.getMessage(), e);
        }
        String hint = pem.contains("BEGIN CERTIFICATE") ? " (it holds a certificate; the key is a separate file)" : "";
        throw new IllegalArgumentException("no private key found in " + source + "; expected a PEM block such as"
                + " -----BEGIN PRIVATE KEY-----, ENCRYPTED PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY" + hint);
    }
}
