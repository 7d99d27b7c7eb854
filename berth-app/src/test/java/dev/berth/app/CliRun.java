package dev.berth.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the berth command line in process with captured output, as a user at a terminal would see it. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BerthCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** Runs with {@code --data-dir dataDir} appended, as the commands that reach a server on that directory need. */
    static CliRun inDataDir(java.nio.file.Path dataDir, String... args) {
        String[] withDataDir = java.util.Arrays.copyOf(args, args.length + 2);
        withDataDir[args.length] = "--data-dir";
        withDataDir[args.length + 1] = dataDir.toString();
        return run(withDataDir);
    }

    /** Runs and insists on success, so that a failing setup step says why. */
    static CliRun ok(String... args) {
        CliRun run = run(args);
        if (run.exitCode != 0) {
            throw new AssertionError("berth " + String.join(" ", args) + " failed with " + run.exitCode + ": " + run.err + run.out);
        }
        return run;
    }
}
