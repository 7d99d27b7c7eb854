package dev.berth.server.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's generated PKI in {@code {dataDir}/pki}: a root CA that devices trust ({@code ca.pem}) and an
 * EC P-256 server certificate signed by it ({@code server.pem}, chain included) whose SAN covers every host
 * name the server is reached by. The CA is made once and kept; the server certificate is re-issued when a
 * host name is missing from it or it expires within 30 days.
 */
public final class ServerPki {
    private static final Logger LOG = LoggerFactory.getLogger(ServerPki.class);
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(397);

    private final Path caCertificate;
    private final Path serverCertificate;
    private final Path serverKey;

    private ServerPki(Path dir) {
        this.caCertificate = dir.resolve("ca.pem");
        this.serverCertificate = dir.resolve("server.pem");
        this.serverKey = dir.resolve("server.key");
    }

    /** Loads the PKI in {@code directory}, creating or renewing what is missing. */
    public static ServerPki loadOrCreate(Path directory, Collection<String> hostNames) {
        ServerPki pki = new ServerPki(directory);
        Path caKeyFile = directory.resolve("ca.key");
        if (!Files.exists(pki.caCertificate) || !Files.exists(caKeyFile)) {
            KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
            X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("Berth Root CA"), caKeys, CA_VALIDITY, null);
            PemFiles.writePrivateKey(caKeyFile, caKeys.getPrivate());
            PemFiles.writeCertificates(pki.caCertificate, List.of(ca));
            LOG.info("Generated a root CA in {}; devices must trust this file", pki.caCertificate);
        }
        Set<String> wanted = new LinkedHashSet<>();
        wanted.add("localhost");
        wanted.add("127.0.0.1");
        hostNames.forEach(h -> wanted.add(h.toLowerCase(Locale.ROOT)));
        if (pki.needsNewServerCertificate(wanted)) {
            X509Certificate ca = PemFiles.readCertificates(pki.caCertificate).get(0);
            PrivateKey caKey = PemFiles.readPrivateKey(caKeyFile);
            KeyPair keys = KeyAlgorithm.EC_P256.generate();
            X509Certificate server = CertificateIssuer.serverCertificate(CertificateIssuer.commonName(wanted.iterator().next()),
                    keys.getPublic(), ca, caKey, new ArrayList<>(wanted), SERVER_VALIDITY);
            PemFiles.writePrivateKey(pki.serverKey, keys.getPrivate());
            PemFiles.writeCertificates(pki.serverCertificate, List.of(server, ca));
            LOG.info("Issued a server certificate for {}", wanted);
        }
        return pki;
    }

    private boolean needsNewServerCertificate(Set<String> wanted) {
        if (!Files.exists(serverCertificate) || !Files.exists(serverKey)) {
            return true;
        }
        X509Certificate current = PemFiles.readCertificates(serverCertificate).get(0);
        if (current.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(30)))) {
            return true;
        }
        return !subjectAltNames(current).containsAll(wanted);
    }

    private static Set<String> subjectAltNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            LOG.warn("Cannot read the names of the server certificate; issuing a new one", e);
        }
        return names;
    }

    /** The PEM file of the CA that devices must trust. */
    public Path caCertificate() {
        return caCertificate;
    }

    public Path serverCertificateChain() {
        return serverCertificate;
    }

    public Path serverKey() {
        return serverKey;
    }
}
