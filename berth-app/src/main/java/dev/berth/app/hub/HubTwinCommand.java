package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.BerthVersion;
import dev.berth.app.CliException;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth hub twin show|set-desired}: a device's twin. */
@Command(name = "twin", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Show a device twin or change its desired properties.",
        subcommands = {HubTwinCommand.Show.class, HubTwinCommand.SetDesired.class})
final class HubTwinCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Print the device twin (JSON): tags, desired and reported properties with their versions.")
    static final class Show extends HubCommandBase {
        @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
        String deviceId;

        @Override
        public Integer call() {
            printJson(api().get(path("twins", deviceId, "")));
            return 0;
        }
    }

    @Command(name = "set-desired", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = {"Merge a patch into the desired properties (null deletes a key); a connected device gets the change at once.",
                    "Example: berth hub twin set-desired my-device '{\"interval\":30}'"})
    static final class SetDesired extends HubCommandBase {
        @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
        String deviceId;

        @Parameters(index = "1", paramLabel = "JSON", description = "The patch: a JSON object, e.g. '{\"interval\":30}'.")
        String patch;

        @Override
        public Integer call() {
            JsonNode desired = json(patch, "the patch");
            if (!desired.isObject()) {
                throw new CliException("the patch must be a JSON object, e.g. '{\"interval\":30}', got " + desired.getNodeType());
            }
            JsonNode twin = api().patch(path("twins", deviceId, ""), Map.of("properties", Map.of("desired", desired)));
            JsonNode now = twin.path("properties").path("desired");
            out().println("Desired properties of '" + deviceId + "' are now version " + now.path("$version").asText() + ":");
            printJson(now);
            return 0;
        }
    }
}
