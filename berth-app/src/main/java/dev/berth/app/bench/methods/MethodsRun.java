package dev.berth.app.bench.methods;

import dev.berth.app.bench.LoadRunner;
import dev.berth.app.bench.ProgressBar;
import dev.berth.app.bench.RunResult;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Calls on one path: unmeasured warm-up calls first (JIT, TLS connections to the API, the nodes' first-use costs),
 * then the measured calls, each through {@code api} to the device chosen round robin, at most {@code concurrency}
 * in flight, stopped by the duration limit.
 */
final class MethodsRun {
    private final MethodsReport.Settings settings;
    private final Duration limit;
    private final PrintWriter err;

    MethodsRun(MethodsReport.Settings settings, Duration limit, PrintWriter err) {
        this.settings = settings;
        this.limit = limit;
        this.err = err;
    }

    /** Warm-up calls only; their failures are a warning, not part of the report. */
    void warmUp(String id, HubServiceClient api, MethodDevices devices) throws InterruptedException {
        if (settings.warmupCalls() == 0) {
            return;
        }
        RunResult warm = calls("warm-up " + id, api, devices, settings.warmupCalls());
        if (warm.failed() > 0 || warm.unfinished() > 0) {
            err.println("warning: " + (warm.failed() + warm.unfinished()) + " of " + settings.warmupCalls() + " warm-up calls on " + id
                    + " did not get an answer: " + warm.failuresByCode());
        }
    }

    MethodsReport.PathRun measure(String id, String description, HubServiceClient api, MethodDevices devices) throws InterruptedException {
        RunResult run = calls(id, api, devices, settings.calls());
        return new MethodsReport.PathRun(id, description, devices.connected(), MethodsReport.Calls.of(run));
    }

    private RunResult calls(String label, HubServiceClient api, MethodDevices devices, int count) throws InterruptedException {
        LoadRunner runner = new LoadRunner(settings.concurrency(), limit);
        try (ProgressBar progress = new ProgressBar(err, label, count, runner, "answered")) {
            return runner.run(count, call -> api.callMethod(devices.idFor(call), call));
        }
    }
}
