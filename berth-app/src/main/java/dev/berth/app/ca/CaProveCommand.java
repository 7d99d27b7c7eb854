package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.app.CertificateFiles;
import dev.berth.server.pki.SigningCa;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ca prove NAME --ca-cert F --ca-key F}: verification code, proof certificate and upload in one command. */
@Command(name = "prove", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Prove possession of a registered CA's key in one command: get a verification code, sign a certificate",
                "with CN = the code with --ca-key, upload it. Prints each step. The CA's key stays on this machine."})
final class CaProveCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry.")
    String name;

    @Option(names = "--ca-cert", paramLabel = "FILE", required = true, description = "PEM certificate of the CA (the one registered as NAME).")
    Path caCertificate;

    @Option(names = "--ca-key", paramLabel = "FILE", required = true, description = "PEM private key of the CA.")
    Path caKey;

    @Option(names = "--ca-key-password", paramLabel = "PASSWORD", description = "Password of the CA key, if it is encrypted.")
    String caKeyPassword;

    @Option(names = "--json", description = "Print the verified CA as JSON after the steps.")
    boolean json;

    @Override
    public Integer call() {
        SigningCa signer = CertificateFiles.signingCa(caCertificate, caKey, caKeyPassword, null);
        out().println("Proving possession of the key of CA '" + name + "':");
        out().flush();
        CaProof.Result result = CaProof.prove(registry(), name, signer, step -> {
            out().println("  " + step);
            out().flush();
        });
        if (json) {
            printJson(result.ca());
        }
        return result.ca().properties().isVerified() ? 0 : 1;
    }
}
