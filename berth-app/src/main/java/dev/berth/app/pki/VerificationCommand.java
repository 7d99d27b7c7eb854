package dev.berth.app.pki;

import dev.berth.app.BerthVersion;
import dev.berth.server.pki.ProofOfPossession;
import java.security.cert.X509Certificate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth pki verification}: the proof-of-possession certificate for a CA's verification code. */
@Command(name = "verification", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Create a proof-of-possession certificate: CN = the verification code, signed by --ca-cert/--ca-key.",
                "Upload it to verify the CA. Writes DIR/NAME.cert.pem only (NAME defaults to 'verification');",
                "its own key is not needed and is not kept."})
final class VerificationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--code", paramLabel = "CODE", required = true, description = "The verification code the service gave for the CA.")
    String code;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "Validity in days (default: ${DEFAULT-VALUE}).")
    int days;

    @Mixin
    CaOptions ca;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        X509Certificate proof = ProofOfPossession.certificate(code, ca.load(), PkiArguments.days(days));
        new IssuedFiles("proof-of-possession certificate", proof, null, null).write(spec, output, null, "verification");
        return 0;
    }
}
