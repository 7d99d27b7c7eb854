package dev.berth.app.bench;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Starts {@code devices} attempts with at most {@code concurrency} in flight, as fast as slots free up, and stops
 * starting new ones at the duration limit. In-flight attempts then get a short grace to finish; the rest count as
 * unfinished, so a run is always bounded and always reports what it measured.
 */
public final class LoadRunner {
    /** How long in-flight attempts may still finish after the duration limit. */
    static final Duration GRACE = Duration.ofSeconds(5);

    private final int concurrency;
    private final Duration limit;
    private final Semaphore slots;
    private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    public LoadRunner(int concurrency, Duration limit) {
        this.concurrency = concurrency;
        this.limit = limit;
        this.slots = new Semaphore(concurrency);
    }

    /** Runs the attempts; {@code attempt.apply(i)} starts device i and completes with what it saw (it never fails). */
    public RunResult run(int devices, IntFunction<CompletionStage<Sample>> attempt) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        int attempted = 0;
        boolean stoppedByLimit = false;
        while (attempted < devices) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                stoppedByLimit = true;
                break;
            }
            inFlight.incrementAndGet();
            attempted++;
            attempt.apply(attempted - 1).whenComplete((sample, error) -> finished(sample != null ? sample
                    : Sample.failed(System.nanoTime() - started, -1, error == null ? null : error.getClass().getSimpleName())));
        }
        long drainUntil = stoppedByLimit ? System.nanoTime() + GRACE.toNanos() : deadline + GRACE.toNanos();
        if (!slots.tryAcquire(concurrency, Math.max(0, drainUntil - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            stoppedByLimit = true;
        } else {
            slots.release(concurrency);
        }
        return RunResult.of(samples, attempted, System.nanoTime() - started, stoppedByLimit);
    }

    private void finished(Sample sample) {
        samples.add(sample);
        (sample.ok() ? succeeded : failed).incrementAndGet();
        inFlight.decrementAndGet();
        slots.release();
    }

    public int succeeded() {
        return succeeded.get();
    }

    public int failed() {
        return failed.get();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
