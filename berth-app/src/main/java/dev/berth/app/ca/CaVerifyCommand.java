package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.app.CertificateFiles;
import dev.berth.protocol.service.CertificateResponse;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ca verify NAME --certificate FILE}: the last step of proof of possession. */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Upload the proof-of-possession certificate of a registered CA: CN = its current verification code,",
                "signed by the CA (berth pki verification writes it). The CA becomes verified; the server says why when not."})
final class CaVerifyCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry.")
    String name;

    @Option(names = "--certificate", paramLabel = "FILE", required = true,
            description = "PEM file of the verification certificate, e.g. verification.cert.pem.")
    Path certificate;

    @Option(names = "--json", description = "Print the CA as JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        CertificateFiles.Upload proof = CertificateFiles.read(certificate, "--certificate", spec.commandLine().getErr());
        CertificateResponse verified = registry().verify(name, proof.pem());
        if (json) {
            printJson(verified);
            return 0;
        }
        out().println("CA certificate '" + verified.name() + "' is " + (verified.properties().isVerified() ? "verified." : "NOT verified."));
        CaSummary.print(out(), verified);
        out().println("Groups admit the devices it signs with: berth group create GROUPID --ca-reference " + verified.name());
        out().flush();
        return 0;
    }
}
