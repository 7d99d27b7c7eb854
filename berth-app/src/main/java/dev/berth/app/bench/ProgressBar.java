package dev.berth.app.bench;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One self-overwriting line on stderr ({@code \r}), redrawn four times a second while a run lasts. */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final int total;
    private final LoadRunner runner;
    private final String done;
    private final long started = System.nanoTime();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-progress");
        thread.setDaemon(true);
        return thread;
    });

    ProgressBar(PrintWriter err, String label, int total, LoadRunner runner) {
        this(err, label, total, runner, "registered");
    }

    /** @param done what a finished attempt did, for the line: {@code registered}, {@code answered} */
    public ProgressBar(PrintWriter err, String label, int total, LoadRunner runner, String done) {
        this.err = err;
        this.done = done;
        this.label = label;
        this.total = total;
        this.runner = runner;
        ticker.scheduleAtFixedRate(this::draw, 0, 250, TimeUnit.MILLISECONDS);
    }

    static String line(String label, int total, int succeeded, int failed, int inFlight, double seconds, String verb) {
        int done = succeeded + failed;
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        return String.format(Locale.ROOT, "%-8s [%s%s] %d/%d %s, %d failed, %d in flight, %.1f s", label,
                "#".repeat(filled), ".".repeat(WIDTH - filled), succeeded, total, verb, failed, inFlight, seconds);
    }

    private synchronized void draw() {
        err.print("\r" + line(label, total, runner.succeeded(), runner.failed(), runner.inFlight(),
                (System.nanoTime() - started) / 1e9, done));
        err.flush();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
        err.println();
        err.flush();
    }
}
