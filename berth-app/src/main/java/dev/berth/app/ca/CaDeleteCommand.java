package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth ca delete NAME}; the server refuses while enrollment groups reference it. */
@Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Delete a registered CA certificate (refused while enrollment groups reference it).")
final class CaDeleteCommand extends CaCommandBase {

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the CA in the registry.")
    String name;

    @Override
    public Integer call() {
        registry().delete(name);
        out().println("Deleted CA certificate '" + name + "'.");
        out().flush();
        return 0;
    }
}
