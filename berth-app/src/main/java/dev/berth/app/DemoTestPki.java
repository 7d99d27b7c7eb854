package dev.berth.app;

import dev.berth.device.security.X509Credential;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.pki.PrivateKeyFiles;
import dev.berth.server.pki.SigningCa;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * The demo's test PKI, made fresh in {@code {dataDir}/test-pki}: a root CA, an intermediate under it, and device
 * certificates whose keys are written as encrypted PKCS#8, the way the reference sample loads them. NOT FOR PRODUCTION.
 */
final class DemoTestPki {
    static final String DIRECTORY = "test-pki";
    static final String ROOT_CN = "Berth Demo Test Root - NOT FOR PRODUCTION";
    static final String INTERMEDIATE_CN = "Berth Demo Test Intermediate";
    static final String KEY_PASSWORD = "berth-demo";
    private static final Duration VALIDITY = Duration.ofDays(30);

    private final Path directory;
    private final KeyPair rootKeys = KeyAlgorithm.EC_P256.generate();
    private final X509Certificate root;
    private final KeyPair intermediateKeys = KeyAlgorithm.EC_P256.generate();
    private final X509Certificate intermediate;

    private DemoTestPki(Path directory) {
        this.directory = directory;
        root = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName(ROOT_CN), rootKeys, VALIDITY, null);
        intermediate = CertificateIssuer.signedCa(CertificateIssuer.commonName(INTERMEDIATE_CN), intermediateKeys.getPublic(), root,
                rootKeys.getPrivate(), VALIDITY, 0);
    }

    static DemoTestPki create(Path dataDirectory) throws IOException {
        Path directory = Files.createDirectories(dataDirectory.resolve(DIRECTORY));
        DemoTestPki pki = new DemoTestPki(directory);
        PemFiles.writeCertificates(directory.resolve("root.cert.pem"), List.of(pki.root));
        PemFiles.writeCertificates(directory.resolve("intermediate.cert.pem"), List.of(pki.intermediate));
        return pki;
    }

    Path directory() {
        return directory;
    }

    X509Certificate root() {
        return root;
    }

    /** The root with its key, to sign the proof of possession when it is registered. */
    SigningCa rootSigner() {
        return new SigningCa(root, rootKeys.getPrivate(), List.of());
    }

    /** A self-signed device certificate, for an individual enrollment; returns its certificate file. */
    Path selfSignedDevice(String registrationId) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate device = CertificateIssuer.clientCertificate(CertificateIssuer.commonName(registrationId), keys.getPublic(),
                null, keys.getPrivate(), null, VALIDITY);
        return write(registrationId, keys, List.of(device));
    }

    /** A device certificate signed by the intermediate; the device presents it with the intermediate. */
    Path groupDevice(String registrationId) {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate device = CertificateIssuer.clientCertificate(CertificateIssuer.commonName(registrationId), keys.getPublic(),
                intermediate, intermediateKeys.getPrivate(), null, VALIDITY);
        return write(registrationId, keys, List.of(device, intermediate));
    }

    /** Loads a device's chain and encrypted key from its files, as a device following the reference sample does. */
    X509Credential credential(String registrationId) {
        return X509Credential.fromPem(directory.resolve(registrationId + ".chain.pem"), directory.resolve(registrationId + ".key.pem"),
                KEY_PASSWORD.toCharArray());
    }

    private Path write(String name, KeyPair keys, List<X509Certificate> chain) {
        Path certificate = directory.resolve(name + ".cert.pem");
        PemFiles.writeCertificates(certificate, List.of(chain.get(0)));
        PemFiles.writeCertificates(directory.resolve(name + ".chain.pem"), chain);
        PrivateKeyFiles.write(directory.resolve(name + ".key.pem"), keys.getPrivate(), KEY_PASSWORD.toCharArray());
        return certificate;
    }
}
