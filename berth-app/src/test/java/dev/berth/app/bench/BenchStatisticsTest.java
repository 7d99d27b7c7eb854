package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BenchStatisticsTest {

    private static List<Long> millisAsNanos(long... millis) {
        return LongStream.of(millis).map(m -> m * 1_000_000).boxed().toList();
    }

    @Test
    void percentiles_use_the_nearest_rank_so_each_value_is_a_real_sample() {
        List<Long> oneToHundred = new ArrayList<>(LongStream.rangeClosed(1, 100).map(m -> m * 1_000_000).boxed().toList());
        Collections.shuffle(oneToHundred);

        Percentiles p = Percentiles.ofNanos(oneToHundred);

        assertThat(p.count()).isEqualTo(100);
        assertThat(p.p50Ms()).isEqualTo(50.0);
        assertThat(p.p90Ms()).isEqualTo(90.0);
        assertThat(p.p99Ms()).isEqualTo(99.0);
        assertThat(p.maxMs()).isEqualTo(100.0);
    }

    @Test
    void percentiles_of_few_samples_round_the_rank_up() {
        Percentiles p = Percentiles.ofNanos(millisAsNanos(30, 10, 20));

        assertThat(p.p50Ms()).isEqualTo(20.0); // rank ceil(1.5) = 2
        assertThat(p.p90Ms()).isEqualTo(30.0);
        assertThat(p.p99Ms()).isEqualTo(30.0);
        assertThat(Percentiles.ofNanos(millisAsNanos(7)).p50Ms()).isEqualTo(7.0);
    }

    @Test
    void percentiles_of_nothing_are_zero_with_count_zero() {
        assertThat(Percentiles.ofNanos(List.of())).isEqualTo(Percentiles.NONE);
    }

    @Test
    void milliseconds_keep_microsecond_precision() {
        assertThat(Percentiles.ofNanos(List.of(1_234_567L)).maxMs()).isEqualTo(1.235);
    }

    @Test
    void throughput_counts_successes_over_the_whole_wall_time() {
        List<Sample> samples = List.of(Sample.succeeded(1_000_000_000L, 400_000_000L), Sample.succeeded(2_000_000_000L, -1),
                Sample.failed(500_000_000L, -1, "401002"), Sample.failed(600_000_000L, -1, "401002"),
                Sample.failed(700_000_000L, -1, "client: TIMEOUT"));

        RunResult result = RunResult.of(samples, 6, 4_000_000_000L, true);

        assertThat(result.registrationsPerSecond()).isEqualTo(0.5);
        assertThat(result.wallSeconds()).isEqualTo(4.0);
        assertThat(result.attempted()).isEqualTo(6);
        assertThat(result.succeeded()).isEqualTo(2);
        assertThat(result.failed()).isEqualTo(3);
        assertThat(result.unfinished()).isEqualTo(1);
        assertThat(result.stoppedByLimit()).isTrue();
        assertThat(result.failuresByCode()).containsEntry("401002", 2).containsEntry("client: TIMEOUT", 1).hasSize(2);
        assertThat(result.total().count()).as("latency is of successful devices only").isEqualTo(2);
        assertThat(result.total().maxMs()).isEqualTo(2000.0);
        assertThat(result.firstAnswer().count()).as("unknown first answers are left out").isEqualTo(1);
        assertThat(result.firstAnswer().p50Ms()).isEqualTo(400.0);
    }

    @Test
    void throughput_of_an_empty_or_instant_run_is_zero() {
        assertThat(RunResult.perSecond(10, 0)).isZero();
        assertThat(RunResult.perSecond(0, 1_000_000_000L)).isZero();
        assertThat(RunResult.perSecond(300, 7_000_000_000L)).isEqualTo(42.9);
    }

    @Test
    void progress_line_shows_counts_and_a_proportional_bar() {
        assertThat(ProgressBar.line("Berth", 100, 40, 10, 5, 3.21, "registered"))
                .isEqualTo("Berth    [###############...............] 40/100 registered, 10 failed, 5 in flight, 3.2 s");
    }
}
