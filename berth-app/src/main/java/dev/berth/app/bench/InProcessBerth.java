package dev.berth.app.bench;

import dev.berth.app.InProcessDataDirectory;
import dev.berth.app.ServiceApiClient;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.BerthServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Berth server in this JVM, on free loopback ports and a temporary SQLite data directory, for the bench to load. */
final class InProcessBerth implements AutoCloseable {
    static final String ASSIGNMENT_TIMER = "berth.dps.assignment";
    /** The server's own threads: Vert.x event loops and workers (the bench's clients run on other threads). */
    static final String THREAD_PREFIX = "vert.x-";

    private final InProcessDataDirectory data;
    private final Path directory;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BerthServer server;

    InProcessBerth(int retryAfterSeconds) throws IOException {
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(ASSIGNMENT_TIMER)
                        ? DistributionStatisticConfig.builder().percentiles(0.5, 0.9, 0.99).percentilePrecision(2).build().merge(config) : config;
            }
        });
        data = InProcessDataDirectory.temporary("berth-bench-");
        directory = data.path();
        try {
            server = BerthServer.builder().dataDirectory(directory).bindHost("127.0.0.1").mqttPort(0).httpsPort(0)
                    .retryAfterSeconds(retryAfterSeconds).meterRegistry(meters).build().start();
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    BenchTarget target(ProvisioningTransport transport) {
        var api = new ServiceApiClient(URI.create("https://localhost:" + server.httpsPort()),
                ServiceConnectionString.parse(server.serviceConnectionString()), server.caCertificate());
        int port = transport == ProvisioningTransport.HTTPS ? server.httpsPort() : server.mqttPort();
        return new BenchTarget("localhost", port, transport, server.idScope(), TrustedCa.fromPemFile(server.caCertificate()), api,
                "in-process Berth on 127.0.0.1:" + port + " (SQLite in " + directory + ")");
    }

    /** The server certificate chain (PEM), so the baseline speaks TLS with exactly the same certificate. */
    Path serverCertificateChain() {
        return directory.resolve("pki").resolve("server.pem");
    }

    Path serverKey() {
        return directory.resolve("pki").resolve("server.key");
    }

    /** Drops the timer; the server registers a fresh one with its next registration. */
    void forgetAssignmentTiming() {
        meters.find(ASSIGNMENT_TIMER).meters().forEach(meters::remove);
    }

    /** The server's own time per registration (authenticate, allocate, persist), from its meter registry. */
    ServerTiming assignmentTiming() {
        Timer timer = meters.find(ASSIGNMENT_TIMER).timer();
        if (timer == null) {
            return null;
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        double max = round(snapshot.max(TimeUnit.MILLISECONDS));
        double[] values = new double[3];
        ValueAtPercentile[] percentiles = snapshot.percentileValues();
        for (int i = 0; i < Math.min(3, percentiles.length); i++) {
            // Micrometer reports a histogram bucket's upper bound, which can lie just above the largest real value
            values[i] = Math.min(max, round(percentiles[i].value(TimeUnit.MILLISECONDS)));
        }
        return new ServerTiming(snapshot.count(), round(snapshot.mean(TimeUnit.MILLISECONDS)), values[0], values[1], values[2], max);
    }

    /** Server-side registration time; percentiles are Micrometer's client-side estimates over the last minutes. */
    record ServerTiming(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {
    }

    private static double round(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    @Override
    public void close() throws IOException {
        try (data) {
            server.close();
        }
    }
}
