package dev.berth.app.pki;

import dev.berth.app.BerthVersion;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.SigningCa;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth pki intermediate}: a CA signed by another CA. */
@Command(name = "intermediate", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Create an intermediate CA signed by --ca-cert/--ca-key.",
                "Writes DIR/NAME.cert.pem, NAME.chain.pem (it and the CAs above it, without the root) and NAME.key.pem",
                "(NAME defaults to 'intermediate'), and NAME.p12 with --p12-password."})
final class IntermediateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cn", paramLabel = "NAME", required = true, description = "Common name of the intermediate CA.")
    String commonName;

    @Option(names = "--days", paramLabel = "N", defaultValue = "1825", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--path-length", paramLabel = "N",
            description = "How many further intermediate CAs may follow below it (default: no limit).")
    Integer pathLength;

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
        String cn = PkiArguments.commonName(commonName, "--cn");
        SigningCa signer = ca.load();
        if (signer.certificate().getBasicConstraints() == 0) {
            throw new IllegalArgumentException("the CA in " + ca.certificate + " has path length 0: it may sign device"
                    + " certificates but no further CA");
        }
        KeyPair keys = keyType.keyType.generate();
        X509Certificate intermediate = CertificateIssuer.signedCa(CertificateIssuer.commonName(cn), keys.getPublic(),
                signer.certificate(), signer.key(), PkiArguments.days(days), pathLength);
        new IssuedFiles("intermediate CA", intermediate, signer.presentedChain(intermediate), keys.getPrivate())
                .write(spec, output, protection, "intermediate");
        return 0;
    }
}
