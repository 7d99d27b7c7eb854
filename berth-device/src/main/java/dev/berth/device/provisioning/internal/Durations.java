package dev.berth.device.provisioning.internal;

import java.time.Duration;

/** Short human text for durations in messages: {@code 30s}, {@code 1.5s}, {@code 250ms}. */
final class Durations {
    private Durations() {
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
}
