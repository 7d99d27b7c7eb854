package dev.berth.app.pki;

import dev.berth.app.BerthCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code berth pki ...} in process with captured output, as a user at a terminal would see it. */
record PkiRun(int exitCode, String out, String err) {

    static PkiRun pki(String... args) {
        List<String> all = new ArrayList<>(List.of("pki"));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BerthCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exitCode = cli.execute(all.toArray(String[]::new));
        return new PkiRun(exitCode, out.toString(), err.toString());
    }

    /** Runs and insists on success, so a failing setup step says why. */
    static PkiRun ok(String... args) {
        PkiRun run = pki(args);
        if (run.exitCode != 0) {
            throw new AssertionError("berth pki " + String.join(" ", args) + " failed with " + run.exitCode + ": " + run.err);
        }
        return run;
    }

}
