package dev.berth.app.bench;

import dev.berth.app.bench.baseline.BaselineDevices;
import dev.berth.app.bench.baseline.EchoMqttServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * One bench run: creates the group and every device's credential (before the clock starts), loads Berth, then, with
 * a baseline, the echo server with the same devices, client, TLS and concurrency; and assembles the report.
 */
final class BenchRun {
    /** Each device's own limit; a run's --duration-limit stops it earlier (its stragglers then count as unfinished). */
    private static final Duration DEVICE_TIMEOUT = Duration.ofSeconds(30);
    static final String BASELINE_DEFINITION = "Netty stock MQTT codec over JDK TLS with Berth's certificate; answers CONNECT, SUBSCRIBE"
            + " and one QoS 1 PUBLISH with one QoS 1 PUBLISH; no store, no authentication. Same HiveMQ client, TLS settings,"
            + " devices and concurrency; one request/response per connection (Berth needs two, with retry-after between).";

    private final BenchReport.Settings settings;
    private final BenchTarget target;
    private final BenchEnrollment.Attestation attestation;
    private final Duration limit;
    private final PrintWriter err;

    BenchRun(BenchReport.Settings settings, BenchTarget target, BenchEnrollment.Attestation attestation, Duration limit, PrintWriter err) {
        this.settings = settings;
        this.target = target;
        this.attestation = attestation;
        this.limit = limit;
        this.err = err;
    }

    /** @param server the in-process server, or null for a --target; @param baselineTls null for no baseline */
    BenchReport run(InProcessBerth server, BaselineTls baselineTls) throws Exception {
        String groupId = "bench-" + Long.toString(System.currentTimeMillis(), 36) + "-" + ThreadLocalRandom.current().nextInt(1000, 10000);
        BenchEnrollment enrollment = BenchEnrollment.create(target.serviceApi(), groupId, attestation);
        err.printf("Created enrollment group %s (%s) on %s; making %d device credentials...%n", groupId, settings.attestation(),
                target.description(), settings.devices());
        err.flush();
        List<BenchEnrollment.BenchDevice> all = enrollment.devices(settings.warmupDevices() + settings.devices());
        List<BenchEnrollment.BenchDevice> warmup = all.subList(0, settings.warmupDevices());
        List<BenchEnrollment.BenchDevice> devices = all.subList(settings.warmupDevices(), all.size());
        RunResult berth;
        BenchReport.ServerSide serverSide = null;
        try (FirstAnswerClock firstAnswers = new FirstAnswerClock()) {
            warmUp(new BerthAttempts(target, warmup, firstAnswers, DEVICE_TIMEOUT)::start, warmup.size());
            var attempts = new BerthAttempts(target, devices, firstAnswers, DEVICE_TIMEOUT);
            if (server != null) {
                server.forgetAssignmentTiming(); // the warm-up's registrations are not part of the run
            }
            try (ServerProbe probe = server == null ? null : new ServerProbe(InProcessBerth.THREAD_PREFIX)) {
                berth = load("Berth", attempts::start, devices.size());
                if (server != null) {
                    serverSide = new BenchReport.ServerSide(server.assignmentTiming(), probe.finish());
                }
            }
        } finally {
            if (server == null) {
                enrollment.delete(); // an in-process server's data directory goes away as a whole
            }
        }
        BenchReport.Baseline baseline = baselineTls == null ? null : baseline(warmup, devices, baselineTls);
        Double ratio = baseline == null || baseline.run().registrationsPerSecond() == 0 ? null
                : Math.round(berth.registrationsPerSecond() / baseline.run().registrationsPerSecond() * 1000) / 1000.0;
        Double ceiling = settings.retryAfterSeconds() == null ? null : (double) settings.concurrency() / settings.retryAfterSeconds();
        var described = new BenchReport.Settings(settings.devices(), settings.concurrency(), settings.transport(), settings.attestation(),
                target.description(), settings.retryAfterSeconds(), settings.durationLimitSeconds(), settings.warmupDevices());
        return new BenchReport(BenchReport.Environment.current(), described, berth, serverSide, baseline, ratio, ceiling);
    }

    private BenchReport.Baseline baseline(List<BenchEnrollment.BenchDevice> warmup, List<BenchEnrollment.BenchDevice> devices,
                                          BaselineTls tls) throws Exception {
        try (EchoMqttServer echo = EchoMqttServer.start(tls.chain(), tls.key())) {
            warmUp(new BaselineDevices("localhost", echo.port(), target.idScope(), tls.trustedCa(), same(warmup), DEVICE_TIMEOUT)::start,
                    warmup.size());
            var clients = new BaselineDevices("localhost", echo.port(), target.idScope(), tls.trustedCa(), same(devices), DEVICE_TIMEOUT);
            try (ServerProbe probe = new ServerProbe(EchoMqttServer.THREAD_PREFIX)) {
                RunResult run = load("baseline", clients::start, devices.size());
                return new BenchReport.Baseline(BASELINE_DEFINITION, "echo server on 127.0.0.1:" + echo.port(), run, probe.finish());
            }
        }
    }

    private static List<BaselineDevices.Device> same(List<BenchEnrollment.BenchDevice> devices) {
        return devices.stream().map(d -> new BaselineDevices.Device(d.registrationId(), d.credential())).toList();
    }

    /** Unmeasured registrations first, so JIT compilation and TLS session set-up do not land on either side's numbers. */
    private void warmUp(IntFunction<CompletionStage<Sample>> attempt, int count) throws InterruptedException {
        if (count > 0) {
            RunResult warm = load("warm-up", attempt, count);
            if (warm.failed() > 0) {
                err.println("warning: " + warm.failed() + " of " + count + " warm-up devices failed: " + warm.failuresByCode());
            }
        }
    }

    private RunResult load(String label, IntFunction<CompletionStage<Sample>> attempt, int count) throws InterruptedException {
        LoadRunner runner = new LoadRunner(settings.concurrency(), limit);
        try (ProgressBar progress = new ProgressBar(err, label, count, runner)) {
            return runner.run(count, attempt);
        }
    }
}
