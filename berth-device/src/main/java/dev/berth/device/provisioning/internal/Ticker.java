package dev.berth.device.provisioning.internal;

import java.time.Duration;

/** Time as the registration flow sees it; tests substitute a clock that jumps instead of sleeping. */
public interface Ticker {
    long nanoTime();

    void sleep(Duration duration) throws InterruptedException;
}
