package dev.berth.app.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency percentiles in milliseconds, by the nearest-rank method: p-th percentile = the smallest sample such that at
 * least p % of the samples are no larger. No interpolation, so every reported value is a latency that really happened.
 */
public record Percentiles(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0);

    public static Percentiles ofNanos(Collection<Long> nanos) {
        if (nanos.isEmpty()) {
            return NONE;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.90)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    static long rank(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length); // 1-based
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** Milliseconds with microsecond precision: enough for a report, and stable in JSON. */
    static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
