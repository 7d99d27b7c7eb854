package dev.berth.device.provisioning.internal;

import dev.berth.protocol.dps.DpsResponseTopic;
import java.time.Duration;

/**
 * How long to wait before the next request. The service's {@code retry-after} is honoured but clamped,
 * so a misbehaving server can neither make the device hammer it nor stall it for minutes.
 */
final class RetryAfter {
    static final int DEFAULT_SECONDS = 2;
    static final int MIN_SECONDS = 1;
    static final int MAX_SECONDS = 30;

    private RetryAfter() {
    }

    static Duration of(DpsResponseTopic topic) {
        int seconds = topic.retryAfterSeconds().orElse(DEFAULT_SECONDS);
        return Duration.ofSeconds(Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, seconds)));
    }
}
