package dev.berth.app.hub;

import dev.berth.app.BerthVersion;
import picocli.CommandLine.Command;

/** {@code berth telemetry tail}: the hub's device-to-cloud messages. */
@Command(name = "telemetry", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Read the telemetry devices send to the embedded hub.",
        subcommands = {TelemetryTailCommand.class})
public final class TelemetryCommand {
}
