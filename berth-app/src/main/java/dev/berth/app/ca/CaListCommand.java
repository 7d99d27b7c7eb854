package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import dev.berth.protocol.service.CertificateResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth ca list}. */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "List the registered CA certificates.")
final class CaListCommand extends CaCommandBase {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        List<CertificateResponse> all = registry().list();
        if (json) {
            printJson(all);
            return 0;
        }
        if (all.isEmpty()) {
            out().println("No CA certificates. Register one with: berth ca upload NAME --certificate FILE");
        } else {
            CaSummary.table(out(), all);
            out().println(all.size() + " CA certificate" + (all.size() == 1 ? "" : "s") + ".");
        }
        out().flush();
        return 0;
    }
}
