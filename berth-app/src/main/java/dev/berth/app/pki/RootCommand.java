package dev.berth.app.pki;

import dev.berth.app.BerthVersion;
import dev.berth.server.pki.CertificateIssuer;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth pki root}: a self-signed root CA. */
@Command(name = "root", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Create a self-signed root CA.",
                "Writes DIR/NAME.cert.pem and NAME.key.pem (NAME defaults to 'root'), and NAME.p12 with --p12-password."})
final class RootCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--cn", paramLabel = "NAME", required = true, description = "Common name of the root CA, e.g. \"Contoso Test Root\".")
    String commonName;

    @Option(names = "--days", paramLabel = "N", defaultValue = "3650", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--path-length", paramLabel = "N",
            description = "How many intermediate CAs may follow below it (default: no limit).")
    Integer pathLength;

    @Mixin
    KeyTypeOption keyType;

    @Mixin
    OutputOptions output;

    @Mixin
    KeyProtectionOptions protection;

    @Override
    public Integer call() {
        String cn = PkiArguments.commonName(commonName, "--cn");
        KeyPair keys = keyType.keyType.generate();
        X509Certificate root = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName(cn), keys, PkiArguments.days(days), pathLength);
        // a root presents no chain: verifiers hold it already
        new IssuedFiles("root CA", root, null, keys.getPrivate()).write(spec, output, protection, "root");
        return 0;
    }
}
