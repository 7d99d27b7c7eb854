package dev.berth.server.pki;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Creates X.509 certificates with BouncyCastle: CAs, intermediates, server and device (client) certificates. */
public final class CertificateIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CertificateIssuer() {
    }

    public static X500Name commonName(String cn) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Berth").addRDN(BCStyle.CN, cn).build();
    }

    /** A self-signed CA that may sign CAs below it ({@code pathLength} null = unlimited). */
    public static X509Certificate selfSignedCa(X500Name subject, KeyPair keys, Duration validity, Integer pathLength) {
        return build(subject, keys.getPublic(), subject, keys.getPrivate(), null, validity, ca(pathLength), null);
    }

    /** A TLS server certificate for the given DNS names and IP addresses. */
    public static X509Certificate serverCertificate(X500Name subject, PublicKey key, X509Certificate issuer,
            PrivateKey issuerKey, List<String> hostNames, Duration validity) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            names.add(isIpAddress(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host));
        }
        Extensions extensions = new Extensions(new BasicConstraints(false),
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment),
                new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth),
                new GeneralNames(names.toArray(GeneralName[]::new)));
        return build(subject, key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey,
                issuer, validity, extensions, null);
    }

    /** A CA signed by another CA (an intermediate); {@code pathLength} null = unlimited. */
    public static X509Certificate signedCa(X500Name subject, PublicKey key, X509Certificate issuer, PrivateKey issuerKey,
            Duration validity, Integer pathLength) {
        return build(subject, key, X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKey, issuer,
                validity, ca(pathLength), null);
    }

    /**
     * A device (TLS client) certificate valid from {@code notBefore} (null = five minutes ago). Self-signed when
     * {@code issuer} is null: then {@code issuerKey} is the device's own private key.
     */
    public static X509Certificate clientCertificate(X500Name subject, PublicKey key, X509Certificate issuer,
            PrivateKey issuerKey, Instant notBefore, Duration validity) {
        Extensions extensions = new Extensions(new BasicConstraints(false), new KeyUsage(KeyUsage.digitalSignature),
                new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth), null);
        X500Name issuerName = issuer == null ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return build(subject, key, issuerName, issuerKey, issuer, validity, extensions, notBefore);
    }

    private static Extensions ca(Integer pathLength) {
        return new Extensions(pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength),
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature), null, null);
    }

    private record Extensions(BasicConstraints basic, KeyUsage usage, ExtendedKeyUsage extendedUsage, GeneralNames subjectAltNames) {
    }

    private static X509Certificate build(X500Name subject, PublicKey key, X500Name issuerName, PrivateKey issuerKey,
            X509Certificate issuer, Duration validity, Extensions ext, Instant notBefore) {
        Instant start = notBefore != null ? notBefore : Instant.now().minus(Duration.ofMinutes(5));
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), Date.from(start), Date.from(start.plus(validity)), subject, key);
            builder.addExtension(Extension.basicConstraints, true, ext.basic());
            builder.addExtension(Extension.keyUsage, true, ext.usage());
            if (ext.extendedUsage() != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, ext.extendedUsage());
            }
            if (ext.subjectAltNames() != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, ext.subjectAltNames());
            }
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuer == null
                    ? utils.createAuthorityKeyIdentifier(key) : utils.createAuthorityKeyIdentifier(issuer));
            var signer = new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(issuerKey)).build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a certificate for " + subject, e);
        }
    }

    static boolean isIpAddress(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        if (!host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            InetAddress.getByName(host);
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
