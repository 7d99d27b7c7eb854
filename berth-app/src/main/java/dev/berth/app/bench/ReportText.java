package dev.berth.app.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** The human-readable report: settings, then Berth and the baseline side by side. */
final class ReportText {
    private ReportText() {
    }

    static void print(BenchReport report, PrintWriter out) {
        BenchReport.Environment env = report.environment();
        BenchReport.Settings settings = report.settings();
        out.printf(Locale.ROOT, "JDK %s (%s, %s), %d cores, %s%n", env.jdkVersion(), env.jdkVendor(), env.vm(), env.cores(), env.os());
        out.printf(Locale.ROOT, "%d devices, concurrency %d, %s, %s attestation, target: %s%s%n", settings.devices(),
                settings.concurrency(), settings.transport(), settings.attestation(), settings.target(),
                settings.retryAfterSeconds() == null ? "" : ", retry-after " + settings.retryAfterSeconds() + " s");
        RunResult berth = report.berth();
        RunResult base = report.baseline() == null ? null : report.baseline().run();
        out.println();
        out.printf(Locale.ROOT, "%-34s %14s%s%n", "", "BERTH", base == null ? "" : String.format("%14s", "BASELINE"));
        row(out, "wall time (s)", berth.wallSeconds(), base == null ? null : base.wallSeconds());
        row(out, "succeeded / attempted", berth.succeeded() + "/" + berth.attempted(),
                base == null ? null : base.succeeded() + "/" + base.attempted());
        row(out, "registrations/s", berth.registrationsPerSecond(), base == null ? null : base.registrationsPerSecond());
        latency(out, "total", berth.total(), base == null ? null : base.total());
        latency(out, "first answer", berth.firstAnswer(), base == null ? null : base.firstAnswer());
        row(out, "failed", berth.failed(), base == null ? null : base.failed());
        row(out, "unfinished (duration limit)", berth.unfinished(), base == null ? null : base.unfinished());
        berth.failuresByCode().forEach((code, count) -> out.printf(Locale.ROOT, "  Berth failures %s: %d%n", code, count));
        if (base != null) {
            base.failuresByCode().forEach((code, count) -> out.printf(Locale.ROOT, "  baseline failures %s: %d%n", code, count));
        }
        if (report.server() != null) {
            server(out, report.server(), report.baseline() == null ? null : report.baseline().server());
        }
        out.println();
        if (report.ratio() != null) {
            out.printf(Locale.ROOT, "Berth / baseline throughput: %.3f%n", report.ratio());
        }
        if (report.retryAfterCeilingPerSecond() != null) {
            out.printf(Locale.ROOT, "Ceiling set by retry-after at this concurrency (concurrency / retry-after): %.1f registrations/s%n",
                    report.retryAfterCeilingPerSecond());
        }
        if (berth.stoppedByLimit() || (base != null && base.stoppedByLimit())) {
            out.println("The duration limit stopped the run: the numbers are partial.");
        }
        out.flush();
    }

    private static void server(PrintWriter out, BenchReport.ServerSide server, ServerProbe.Usage baselineUsage) {
        InProcessBerth.ServerTiming timing = server.assignment();
        if (timing != null) {
            out.printf(Locale.ROOT, "%-34s %14s%n", "server time/registration (ms)",
                    String.format(Locale.ROOT, "mean %.2f", timing.meanMs()));
            out.printf(Locale.ROOT, "%-34s %14s%n", "  p50 / p90 / p99 / max",
                    String.format(Locale.ROOT, "%.1f/%.1f/%.1f/%.1f", timing.p50Ms(), timing.p90Ms(), timing.p99Ms(), timing.maxMs()));
        }
        ServerProbe.Usage usage = server.usage();
        row(out, "heap used before (MB, whole JVM)", usage.heapUsedBeforeMb(), baselineUsage == null ? null : baselineUsage.heapUsedBeforeMb());
        row(out, "heap used after (MB)", usage.heapUsedAfterMb(), baselineUsage == null ? null : baselineUsage.heapUsedAfterMb());
        row(out, "heap used peak (MB, sampled)", usage.heapUsedPeakMb(), baselineUsage == null ? null : baselineUsage.heapUsedPeakMb());
        row(out, "CPU s, server threads", usage.serverThreadsCpuSeconds(), baselineUsage == null ? null : baselineUsage.serverThreadsCpuSeconds());
        row(out, "CPU s, whole process", usage.processCpuSeconds(), baselineUsage == null ? null : baselineUsage.processCpuSeconds());
    }

    private static void latency(PrintWriter out, String what, Percentiles berth, Percentiles base) {
        row(out, what + " p50 (ms)", berth.p50Ms(), base == null ? null : base.p50Ms());
        row(out, what + " p90 (ms)", berth.p90Ms(), base == null ? null : base.p90Ms());
        row(out, what + " p99 (ms)", berth.p99Ms(), base == null ? null : base.p99Ms());
        row(out, what + " max (ms)", berth.maxMs(), base == null ? null : base.maxMs());
    }

    private static void row(PrintWriter out, String label, Object berth, Object base) {
        out.printf(Locale.ROOT, "%-34s %14s%s%n", label, format(berth), base == null ? "" : String.format("%14s", format(base)));
    }

    private static String format(Object value) {
        return value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
    }
}
