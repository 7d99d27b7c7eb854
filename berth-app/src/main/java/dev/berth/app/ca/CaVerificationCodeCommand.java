package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.protocol.service.CertificateResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ca verification-code NAME}: step 1 of proof of possession, and the commands for steps 2 and 3. */
@Command(name = "verification-code", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Get a verification code for a registered CA (it replaces any earlier code) and print the next commands:",
                "sign a certificate with CN = the code with the CA's key (berth pki verification), then upload it (berth ca verify)."})
final class CaVerificationCodeCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry.")
    String name;

    @Option(names = "--json", description = "Print the CA as JSON, with properties.verificationCode.")
    boolean json;

    @Override
    public Integer call() {
        CertificateResponse answer = registry().generateVerificationCode(name);
        if (json) {
            printJson(answer);
            return 0;
        }
        String code = answer.properties().verificationCode();
        out().println("Verification code for CA '" + answer.name() + "': " + code);
        out().println("Sign a certificate with CN = this code with the CA's private key, then upload it:");
        out().println("  berth pki verification --code " + code + " --ca-cert <CA certificate PEM> --ca-key <CA key PEM> --out <DIR>");
        out().println("  berth ca verify " + answer.name() + " --certificate <DIR>/verification.cert.pem" + service.sameServerArguments());
        out().println("(A newer code replaces this one. berth ca prove does all of it in one command.)");
        out().flush();
        return 0;
    }
}
