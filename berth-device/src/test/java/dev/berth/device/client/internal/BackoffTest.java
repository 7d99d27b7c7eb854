package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void without_jitter_delays_double_from_the_initial_delay_up_to_the_maximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, () -> 0.0);

        assertThat(backoff.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(100)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitter_shortens_a_delay_by_at_most_its_fraction() {
        Backoff almostFull = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, () -> 0.999999);
        Backoff half = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.2, () -> 0.5);

        assertThat(almostFull.delay(2)).isEqualTo(Duration.ofMillis(3200));
        assertThat(half.delay(2)).isEqualTo(Duration.ofMillis(3600));
        assertThat(half.delay(10)).isEqualTo(Duration.ofSeconds(54));
    }

    @Test
    void random_jitter_stays_within_bounds() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(10), 0.5);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(3)).isBetween(Duration.ofMillis(2000), Duration.ofMillis(4000));
        }
    }
}
