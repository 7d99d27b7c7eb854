package dev.berth.app.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of one load run (Berth or the baseline).
 *
 * @param attempted              devices started
 * @param succeeded              devices that got their final successful answer
 * @param failed                 devices that got a refusal or failed on the way
 * @param unfinished             devices still in flight when the duration limit stopped the run
 * @param registrationsPerSecond succeeded / wall time: the throughput over the whole run, ramp-up and tail included
 * @param total                  device-observed latency of the successful devices, connect to final answer
 * @param firstAnswer            device-observed time to the first answer (Berth: the 202), successful devices
 * @param failuresByCode         failed devices by DPS error code or client failure reason
 */
public record RunResult(int attempted, int succeeded, int failed, int unfinished, double wallSeconds, double registrationsPerSecond,
                        boolean stoppedByLimit, Percentiles total, Percentiles firstAnswer, Map<String, Integer> failuresByCode) {

    public static RunResult of(Collection<Sample> samples, int attempted, long wallNanos, boolean stoppedByLimit) {
        List<Long> totals = new ArrayList<>();
        List<Long> firstAnswers = new ArrayList<>();
        Map<String, Integer> failures = new TreeMap<>();
        for (Sample sample : samples) {
            if (sample.ok()) {
                totals.add(sample.totalNanos());
                if (sample.firstAnswerNanos() >= 0) {
                    firstAnswers.add(sample.firstAnswerNanos());
                }
            } else {
                failures.merge(sample.failure(), 1, Integer::sum);
            }
        }
        double seconds = wallNanos / 1e9;
        return new RunResult(attempted, totals.size(), samples.size() - totals.size(), attempted - samples.size(), Math.round(seconds * 1000) / 1000.0,
                perSecond(totals.size(), wallNanos), stoppedByLimit, Percentiles.ofNanos(totals), Percentiles.ofNanos(firstAnswers),
                failures);
    }

    /** Events per second over {@code nanos}, to one decimal; 0 for an empty or zero-length run. */
    static double perSecond(int events, long nanos) {
        return nanos <= 0 ? 0 : Math.round(events * 1e10 / nanos) / 10.0;
    }
}
