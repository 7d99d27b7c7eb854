package dev.berth.app.bench.methods;

import dev.berth.app.bench.BenchReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The human-readable report: one column per measured path, then what the cross-node path adds. */
final class MethodsReportText {
    private static final String ROW = "%-30s";
    private static final String COLUMN = "%16s";

    private MethodsReportText() {
    }

    static void print(MethodsReport report, PrintWriter out) {
        BenchReport.Environment env = report.environment();
        MethodsReport.Settings settings = report.settings();
        out.printf(Locale.ROOT, "JDK %s (%s, %s), %d cores, %s%n", env.jdkVersion(), env.jdkVendor(), env.vm(), env.cores(), env.os());
        out.printf(Locale.ROOT, "direct methods: %d devices, %d calls per run, concurrency %d, %d warm-up calls per run (not measured),"
                + " responseTimeoutInSeconds %d%n", settings.devices(), settings.calls(), settings.concurrency(), settings.warmupCalls(),
                settings.responseTimeoutSeconds());
        for (MethodsReport.PathRun run : report.runs()) {
            out.printf(Locale.ROOT, "  %-9s %s%n", run.id(), run.description());
        }
        out.println();
        List<MethodsReport.PathRun> runs = report.runs();
        out.printf(Locale.ROOT, ROW, "");
        runs.forEach(run -> out.printf(Locale.ROOT, COLUMN, run.id().toUpperCase(Locale.ROOT)));
        out.println();
        row(out, runs, "wall time (s)", c -> one(c.wallSeconds()));
        row(out, runs, "answered / attempted", c -> c.answered() + "/" + c.attempted());
        row(out, runs, "calls/s", c -> one(c.callsPerSecond()));
        row(out, runs, "latency p50 (ms)", c -> two(c.latency().p50Ms()));
        row(out, runs, "latency p90 (ms)", c -> two(c.latency().p90Ms()));
        row(out, runs, "latency p99 (ms)", c -> two(c.latency().p99Ms()));
        row(out, runs, "latency max (ms)", c -> two(c.latency().maxMs()));
        row(out, runs, "failed", c -> String.valueOf(c.failed()));
        row(out, runs, "unfinished (duration limit)", c -> String.valueOf(c.unfinished()));
        out.printf(Locale.ROOT, ROW, "devices connected after");
        runs.forEach(run -> out.printf(Locale.ROOT, COLUMN, run.devicesConnected() + "/" + settings.devices()));
        out.println();
        for (MethodsReport.PathRun run : runs) {
            run.calls().failuresByCode().forEach((code, count) -> out.printf(Locale.ROOT, "  %s failures %s: %d%n", run.id(), code, count));
        }
        MethodsReport.Comparison cross = report.crossNode();
        if (cross != null) {
            out.println();
            out.printf(Locale.ROOT, "Cross-node minus local on PostgreSQL: p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms; throughput ratio %.3f%n",
                    cross.p50ExtraMs(), cross.p90ExtraMs(), cross.p99ExtraMs(), cross.throughputRatio());
        } else {
            out.println();
            out.println("Single node only: give --postgres-url (and user/password) to measure local against cross-node on two nodes.");
        }
        if (runs.stream().anyMatch(run -> run.calls().stoppedByLimit())) {
            out.println("The duration limit stopped a run: its numbers are partial.");
        }
        out.flush();
    }

    private static void row(PrintWriter out, List<MethodsReport.PathRun> runs, String label, Function<MethodsReport.Calls, String> value) {
        out.printf(Locale.ROOT, ROW, label);
        runs.forEach(run -> out.printf(Locale.ROOT, COLUMN, value.apply(run.calls())));
        out.println();
    }

    private static String one(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
