package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import java.time.Duration;

/** The end of the overall registration timeout; every wait is cut to what is left of it. */
final class Deadline {
    private final Ticker ticker;
    private final Duration total;
    private final long endNanos;

    Deadline(Ticker ticker, Duration total) {
        this.ticker = ticker;
        this.total = total;
        this.endNanos = ticker.nanoTime() + total.toNanos();
    }

    long now() {
        return ticker.nanoTime();
    }

    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - ticker.nanoTime()));
    }

    /**
     * The wait for one step: the step limit or what is left, whichever is shorter.
     *
     * @throws ProvisioningClientException (TIMEOUT) if nothing is left
     */
    Duration stepWait(Duration stepLimit, String what) {
        Duration remaining = remaining();
        if (remaining.isZero()) {
            throw expired(what);
        }
        return remaining.compareTo(stepLimit) < 0 ? remaining : stepLimit;
    }

    /** True when a wait of {@code wait} ended because of this deadline rather than the step limit. */
    boolean cutShort(Duration wait, Duration stepLimit) {
        return wait.compareTo(stepLimit) < 0;
    }

    ProvisioningClientException expired(String what) {
        return new ProvisioningClientException(Reason.TIMEOUT,
                "timed out after " + Durations.describe(total) + " waiting for " + what);
    }
}
