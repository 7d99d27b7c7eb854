package dev.berth.app.pki;

import dev.berth.app.BerthVersion;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.SigningCa;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.x500.X500Name;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth pki device}: a device (TLS client) certificate whose CN is the registration ID. */
@Command(name = "device", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Create a device certificate (CN = registration ID), signed by --ca-cert/--ca-key or --self-signed.",
                "Writes DIR/NAME.cert.pem, NAME.chain.pem (what the device presents: it and the intermediates, without the root)",
                "and NAME.key.pem (NAME defaults to the registration ID), and NAME.p12 with --p12-password."})
final class DeviceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--registration-id", paramLabel = "ID", required = true, description = "The device's registration ID; becomes the CN.")
    String registrationId;

    @Option(names = "--self-signed", description = "Sign the certificate with its own key (for an individual enrollment) instead of a CA.")
    boolean selfSigned;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    CaOptions ca;

    @Mixin
    KeyTypeOption keyType;

    @Mixin
    OutputOptions output;

    @Mixin
    KeyProtectionOptions protection;

    @Override
    public Integer call() {
        String id = PkiArguments.registrationId(registrationId);
        Duration validity = PkiArguments.days(days);
        if (selfSigned && ca.anyGiven()) {
            throw new IllegalArgumentException("--self-signed and the --ca-* / --chain options exclude each other");
        }
        if (!selfSigned && !ca.anyGiven()) {
            throw new IllegalArgumentException("give --ca-cert and --ca-key to sign the device certificate, or --self-signed");
        }
        X500Name subject = CertificateIssuer.commonName(id);
        SigningCa signer = selfSigned ? null : ca.load();
        KeyPair keys = keyType.keyType.generate();
        X509Certificate device;
        List<X509Certificate> chain;
        if (selfSigned) {
            device = CertificateIssuer.clientCertificate(subject, keys.getPublic(), null, keys.getPrivate(), null, validity);
            chain = List.of(device);
        } else {
            device = CertificateIssuer.clientCertificate(subject, keys.getPublic(), signer.certificate(), signer.key(), null, validity);
            chain = signer.presentedChain(device);
        }
        new IssuedFiles(selfSigned ? "self-signed device certificate" : "device certificate", device, chain, keys.getPrivate())
                .write(spec, output, protection, id);
        return 0;
    }
}
