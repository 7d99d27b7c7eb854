package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.protocol.service.CertificateResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth ca show NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Print a registered CA certificate: subject, verification state, expiry and thumbprints.")
final class CaShowCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry.")
    String name;

    @Option(names = "--json", description = "Print JSON (with the certificate PEM) instead of a summary.")
    boolean json;

    @Override
    public Integer call() {
        CertificateResponse ca = registry().get(name);
        if (json) {
            printJson(ca);
            return 0;
        }
        out().println("CA certificate '" + ca.name() + "'");
        CaSummary.print(out(), ca);
        if (!ca.properties().isVerified()) {
            out().println("Not verified: devices of groups that reference it are refused. Prove possession of its key:");
            out().println("  " + proveCommand(ca.name(), null));
            out().flush();
        }
        return 0;
    }
}
