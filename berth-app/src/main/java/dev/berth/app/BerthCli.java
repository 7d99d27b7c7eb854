package dev.berth.app;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/** The {@code berth} command: wires the subcommands and turns failures into one-line messages. */
@Command(name = "berth", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Berth: a self-hosted, Azure-DPS-compatible IoT device provisioning service.",
        subcommands = {ServeCommand.class, InfoCommand.class, EnrollmentCommand.class, GroupCommand.class,
                dev.berth.app.ca.CaCommand.class, DemoCommand.class, dev.berth.app.pki.PkiCommand.class,
                dev.berth.app.bench.BenchCommand.class, dev.berth.app.hub.TelemetryCommand.class, dev.berth.app.hub.HubCommand.class,
                CommandLine.HelpCommand.class})
public final class BerthCli {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces of failures (and, for demo, the server log).")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BerthCli());
        cli.setExecutionExceptionHandler(BerthCli::report);
        return cli;
    }

    /** One line that says what went wrong; the stack trace only with --verbose, since users rarely need it. */
    private static int report(Exception failure, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        err.println(command.getColorScheme().errorText("error: " + message));
        if (isVerbose(parsed)) {
            failure.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    static boolean isVerbose(ParseResult parsed) {
        for (ParseResult level = parsed; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
