package dev.berth.app.bench.methods;

import dev.berth.app.bench.BenchReport;
import dev.berth.app.bench.Percentiles;
import dev.berth.app.bench.RunResult;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code berth bench methods} run measured; serialised as is for {@code --json}.
 *
 * @param runs       the measured paths in the order they ran: {@code sqlite}, then with PostgreSQL {@code pg-local} and
 *                   {@code pg-cross}
 * @param crossNode  cross-node against local on PostgreSQL (same devices, same database, same run), or null without it
 */
public record MethodsReport(BenchReport.Environment environment, Settings settings, List<PathRun> runs, Comparison crossNode) {

    public static final String SQLITE = "sqlite";
    public static final String PG_LOCAL = "pg-local";
    public static final String PG_CROSS = "pg-cross";

    /**
     * @param calls                  measured calls per run; {@code warmupCalls} more go first, unmeasured
     * @param responseTimeoutSeconds the {@code responseTimeoutInSeconds} of each call
     */
    public record Settings(int devices, int calls, int concurrency, int warmupCalls, double durationLimitSeconds,
                           int responseTimeoutSeconds, String hub) {
    }

    /**
     * One path measured.
     *
     * @param id               {@code sqlite}, {@code pg-local} or {@code pg-cross}
     * @param description      which node was called, where the devices were, where the state was
     * @param devicesConnected devices still connected after the run (of {@code Settings.devices})
     */
    public record PathRun(String id, String description, int devicesConnected, Calls calls) {
    }

    /**
     * The calls of one path.
     *
     * @param callsPerSecond answered calls / wall time, ramp-up and tail included
     * @param latency        REST call latency of the answered calls, request sent to answer parsed (nearest rank)
     * @param failuresByCode {@code http 504 (504101)}, {@code device status 500}, {@code client: HttpTimeoutException}…
     */
    public record Calls(int attempted, int answered, int failed, int unfinished, double wallSeconds, double callsPerSecond,
                        boolean stoppedByLimit, Percentiles latency, Map<String, Integer> failuresByCode) {

        static Calls of(RunResult run) {
            return new Calls(run.attempted(), run.succeeded(), run.failed(), run.unfinished(), run.wallSeconds(),
                    run.registrationsPerSecond(), run.stoppedByLimit(), run.total(), run.failuresByCode());
        }
    }

    /**
     * Cross-node minus local: what going through {@code hub_method_calls} and LISTEN/NOTIFY adds.
     *
     * @param throughputRatio cross-node calls/s ÷ local calls/s
     */
    public record Comparison(double p50ExtraMs, double p90ExtraMs, double p99ExtraMs, double throughputRatio) {

        static Comparison of(Calls local, Calls cross) {
            double ratio = local.callsPerSecond() == 0 ? 0 : Math.round(cross.callsPerSecond() / local.callsPerSecond() * 1000) / 1000.0;
            return new Comparison(round(cross.latency().p50Ms() - local.latency().p50Ms()),
                    round(cross.latency().p90Ms() - local.latency().p90Ms()), round(cross.latency().p99Ms() - local.latency().p99Ms()), ratio);
        }

        private static double round(double millis) {
            return Math.round(millis * 1000) / 1000.0;
        }
    }

    /** True when no measured call failed. */
    boolean allAnswered() {
        return runs.stream().allMatch(run -> run.calls().failed() == 0);
    }
}
