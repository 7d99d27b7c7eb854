package dev.berth.app.hub;

import dev.berth.app.BerthVersion;
import picocli.CommandLine.Command;

/** {@code berth hub device|twin|method|c2d}: the hub's service REST API from the command line. */
@Command(name = "hub", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Manage the devices of the hub through its REST API: identities, twins, direct methods and cloud-to-device messages.",
                "Talks to the embedded hub of the data directory (berth serve must run), or to any IoT hub with --connection-string."},
        subcommands = {HubDeviceCommand.class, HubTwinCommand.class, HubMethodCommand.class, HubCloudToDeviceCommand.class})
public final class HubCommand {
}
