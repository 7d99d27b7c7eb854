package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.app.CertificateFiles;
import dev.berth.app.CliException;
import dev.berth.protocol.service.CertificateResponse;
import dev.berth.server.pki.Certificates;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ca upload NAME --certificate FILE}: registers a root or intermediate CA, unverified unless --verified. */
@Command(name = "upload", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Register a root or intermediate CA certificate under NAME.",
                "It starts unverified (prove possession of its key next) unless --verified is given. Uploading the same"
                        + " certificate again keeps its verification."})
final class CaUploadCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry (letters, digits, - . _ :).")
    String name;

    @Option(names = "--certificate", paramLabel = "FILE", required = true,
            description = "PEM (or DER) file of the CA certificate; of a chain file, the first certificate is used.")
    Path certificate;

    @Option(names = "--verified", description = "Mark it verified without proof of possession: only for a CA you created yourself.")
    boolean verified;

    @Option(names = "--replace", description = "Replace a different certificate registered under NAME (the new one starts unverified).")
    boolean replace;

    @Option(names = "--json", description = "Print the registered CA as JSON instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        CertificateFiles.Upload upload = CertificateFiles.read(certificate, "--certificate", spec.commandLine().getErr());
        CaRegistry registry = registry();
        Optional<CertificateResponse> existing = registry.find(name);
        String thumbprint = Certificates.sha256Thumbprint(upload.certificate());
        boolean sameCertificate = existing.map(ca -> thumbprint.equalsIgnoreCase(ca.properties().sha256Thumbprint())).orElse(false);
        if (existing.isPresent() && !sameCertificate && !replace) {
            throw new CliException("the CA certificate '" + name + "' already holds another certificate (" + existing.get().properties()
                    .subject() + ", SHA-256 " + existing.get().properties().sha256Thumbprint() + "); delete it first or pass --replace");
        }
        CertificateResponse stored = registry.upload(name, upload.pem(), verified ? Boolean.TRUE : null);
        if (json) {
            printJson(stored);
            return 0;
        }
        String what = existing.isEmpty() ? "Uploaded" : sameCertificate ? "Uploaded again (same certificate)" : "Replaced";
        out().println(what + " CA certificate '" + stored.name() + "'.");
        CaSummary.print(out(), stored);
        if (verified) {
            out().println("Marked verified on upload, without proof of possession: the service trusts that you hold its key.");
        } else if (!stored.properties().isVerified()) {
            out().println("Groups may reference it now (berth group create GROUPID --ca-reference " + stored.name()
                    + "), but their devices are refused until it is verified. Prove that you hold its private key:");
            out().println("  " + proveCommand(stored.name(), certificate));
            out().println("or step by step: berth ca verification-code " + stored.name() + service.sameServerArguments());
        }
        out().flush();
        return 0;
    }
}
