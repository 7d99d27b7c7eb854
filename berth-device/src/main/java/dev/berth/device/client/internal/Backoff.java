package dev.berth.device.client.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: {@code initial × 2^attempt}, capped at {@code max}, then shortened by up to
 * {@code jitter} (a fraction) at random so that a fleet that lost its hub at once does not come back at once.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration initial, Duration max, double jitter) {
        this(initial, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1); tests pass fixed ones */
    Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before reconnect attempt {@code attempt} (0 for the first attempt after a loss). */
    public Duration delay(int attempt) {
        long initialMillis = initial.toMillis();
        long maxMillis = max.toMillis();
        // doubling past 2^30 would overflow long millis long after the cap is reached anyway
        long base = attempt >= 30 ? maxMillis : Math.min(maxMillis, initialMillis << Math.max(0, attempt));
        if (base < 0) {
            base = maxMillis;
        }
        long shortened = Math.round(base * jitter * random.getAsDouble());
        return Duration.ofMillis(Math.max(1, base - shortened));
    }
}
