package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.app.BerthVersion;
import dev.berth.app.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth hub device show|list|delete}: the hub's device identities. */
@Command(name = "device", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Show, list or delete device identities in the hub (provisioning creates them).",
        subcommands = {HubDeviceCommand.Show.class, HubDeviceCommand.ListAll.class, HubDeviceCommand.Delete.class})
final class HubDeviceCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Print a device identity as the hub stores it (JSON: status, authentication, capabilities, etag).")
    static final class Show extends HubCommandBase {
        @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
        String deviceId;

        @Override
        public Integer call() {
            printJson(api().get(path("devices", deviceId, "")));
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "List the device identities in the hub.")
    static final class ListAll extends HubCommandBase {
        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Override
        public Integer call() {
            ArrayNode devices = api().getAll("/devices");
            if (json) {
                printJson(devices);
                return 0;
            }
            TextTable table = new TextTable("DEVICE ID", "STATUS", "AUTHENTICATION", "IOT EDGE", "C2D QUEUED");
            for (JsonNode device : devices) {
                table.row(device.path("deviceId").asText(), device.path("status").asText(),
                        device.path("authentication").path("type").asText(),
                        device.path("capabilities").path("iotEdge").asBoolean() ? "yes" : "no",
                        device.path("cloudToDeviceMessageCount").asText());
            }
            if (!table.isEmpty()) {
                table.print(out());
            }
            out().println(devices.size() + " device" + (devices.size() == 1 ? "" : "s") + ".");
            out().flush();
            return 0;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Delete a device identity with its twin and queued messages; a connected device is disconnected.")
    static final class Delete extends HubCommandBase {
        @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
        String deviceId;

        @Override
        public Integer call() {
            api().delete(path("devices", deviceId, ""));
            out().println("Deleted device '" + deviceId + "' from the hub. Provisioning it again creates it anew.");
            out().flush();
            return 0;
        }
    }
}
