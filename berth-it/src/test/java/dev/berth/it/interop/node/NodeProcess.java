package dev.berth.it.interop.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running interop script. Its stdout carries one JSON object per line (what the test reads); stderr is kept
 * for failure messages. Every wait has a deadline, and a script that overruns is killed with its children.
 */
public final class NodeProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String END = "\u0000end";

    private final String description;
    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread stderrReader;

    NodeProcess(String description, Process process) {
        this.description = description;
        this.process = process;
        closeQuietly(process.getOutputStream()); // the scripts read nothing; EOF at once instead of a dangling pipe
        reader("stdout", process.getInputStream(), line -> {
            stdout.append(line).append('\n');
            stdoutLines.add(line);
        }, () -> stdoutLines.add(END)).start();
        stderrReader = reader("stderr", process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { });
        stderrReader.start();
    }

    private static void closeQuietly(java.io.OutputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written, so nothing is lost
        }
    }

    private Thread reader(String name, InputStream in, java.util.function.Consumer<String> onLine, Runnable atEnd) {
        Thread thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                stderr.append("[reading ").append(name).append(" failed: ").append(e).append("]\n");
            } finally {
                atEnd.run();
            }
        }, "node-" + name);
        thread.setDaemon(true);
        return thread;
    }

    /** The next stdout line as JSON; fails with everything the script printed when none comes in time or it is not JSON. */
    public JsonNode nextJson(Duration timeout) {
        String line;
        try {
            line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (line == null || line.equals(END)) {
            if (line == null) {
                close();
            }
            throw new AssertionError((line == null ? "no output line within " + timeout : "the script ended without another output line")
                    + " from " + this);
        }
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line + " from " + this, e);
        }
    }

    /** Waits for the exit code, killing the script when it overruns. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("still running after " + timeout + ": " + this);
            }
            stderrReader.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public String toString() {
        return description + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
