package dev.berth.device.security;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Device certificates and keys made at test time (style.md rule 13), written in every PEM and PKCS#12 form. */
final class X509TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private X509TestPki() {
    }

    static KeyPair ecKeys() {
        return keys("EC");
    }

    static KeyPair rsaKeys() {
        return keys("RSA");
    }

    private static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String subject, PublicKey key, String issuer, PrivateKey issuerKey, boolean ca) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofDays(1))), new X500Name(subject), key);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            String algorithm = issuerKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"): BC writes these for a KeyPair. */
    static String traditionalPem(KeyPair keys) {
        return pem(bcKeyPair(keys));
    }

    /** OpenSSL's legacy "Proc-Type: 4,ENCRYPTED" PKCS#1/SEC1 form ({@code openssl rsa -aes256 -traditional}). */
    static String legacyEncryptedPem(KeyPair keys, char[] password) {
        try {
            var encryptor = new JcePEMEncryptorBuilder("AES-256-CBC").setProvider(new BouncyCastleProvider()).build(password);
            return pem(new JcaMiscPEMGenerator(bcKeyPair(keys), encryptor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same keys from BC's key factory: a JDK EC key's inner structure leaves out the curve, which OpenSSL's
     * SEC1 files (and BC's) always carry.
     */
    private static KeyPair bcKeyPair(KeyPair keys) {
        try {
            KeyFactory factory = KeyFactory.getInstance(keys.getPrivate().getAlgorithm(), new BouncyCastleProvider());
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(keys.getPublic().getEncoded())),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(keys.getPrivate().getEncoded())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pkcs8Pem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, as {@code openssl pkcs8 -topk8 -v2 aes256} writes it. */
    static String encryptedPkcs8Pem(PrivateKey key, char[] password) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setProvider(new BouncyCastleProvider()).setPassword(password).build();
            return pem(new JcaPKCS8Generator(key, encryptor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    static Path pkcs12(Path file, String alias, PrivateKey key, char[] password, X509Certificate... chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            if (key != null) {
                store.setKeyEntry(alias, key, password, chain);
            } else {
                store.setCertificateEntry(alias, chain[0]);
            }
            try (var out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
