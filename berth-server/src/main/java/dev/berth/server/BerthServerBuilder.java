package dev.berth.server;

import dev.berth.server.device.mqtt.DpsMqttSettings;
import dev.berth.server.store.BerthStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/** Configures a {@link BerthServer}. Only the data directory is required; everything else has a default. */
public final class BerthServerBuilder {
    Path dataDirectory;
    BerthStore store;
    final List<String> hostNames = new ArrayList<>();
    final List<String> linkedHubs = new ArrayList<>();
    String bindHost = "0.0.0.0";
    int mqttPort = BerthServer.DEFAULT_MQTT_PORT;
    int httpsPort = BerthServer.DEFAULT_HTTPS_PORT;
    int retryAfterSeconds = 2;
    Duration httpIdleTimeout = Duration.ofSeconds(120);
    Duration allowedClockSkew = Duration.ofSeconds(60);
    Duration customAllocationTimeout = dev.berth.server.allocation.CustomAllocationClient.DEFAULT_TIMEOUT;
    DpsMqttSettings mqttSettings = DpsMqttSettings.DEFAULT;
    MeterRegistry meterRegistry;
    Supplier<String> metricsScrape;
    Clock clock = Clock.systemUTC();
    int registrationWorkers = 32;
    final List<dev.berth.server.extension.ServerExtension> extensions = new ArrayList<>();
    dev.berth.server.hub.HubRegistry hubRegistry = dev.berth.server.hub.HubRegistry.NONE;

    BerthServerBuilder() {
    }

    /** Holds the generated PKI and, unless {@link #store} is given, the SQLite database. */
    public BerthServerBuilder dataDirectory(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
        return this;
    }

    /** A store to use instead of the SQLite file in the data directory (e.g. PostgreSQL). The server closes it. */
    public BerthServerBuilder store(BerthStore store) {
        this.store = store;
        return this;
    }

    /** Names devices use to reach this server; all go into the server certificate. localhost and 127.0.0.1 always do. */
    public BerthServerBuilder hostNames(List<String> hostNames) {
        this.hostNames.clear();
        this.hostNames.addAll(hostNames);
        return this;
    }

    /** IoT hub host names devices may be assigned to (each with a dot, no port). */
    public BerthServerBuilder linkedHubs(List<String> linkedHubs) {
        this.linkedHubs.clear();
        this.linkedHubs.addAll(linkedHubs);
        return this;
    }

    public BerthServerBuilder bindHost(String bindHost) {
        this.bindHost = Objects.requireNonNull(bindHost);
        return this;
    }

    /** 0 picks a free port. */
    public BerthServerBuilder mqttPort(int mqttPort) {
        this.mqttPort = mqttPort;
        return this;
    }

    /** 0 picks a free port. */
    public BerthServerBuilder httpsPort(int httpsPort) {
        this.httpsPort = httpsPort;
        return this;
    }

    /** Seconds devices are told to wait before polling (the official Java SDK treats values outside 2–5 as 2). */
    public BerthServerBuilder retryAfterSeconds(int seconds) {
        if (seconds < 1 || seconds > 60) {
            throw new IllegalArgumentException("retry-after must be 1 to 60 seconds");
        }
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** How far past its expiry a SAS token is still accepted, for devices whose clock runs behind. */
    public BerthServerBuilder allowedClockSkew(Duration skew) {
        this.allowedClockSkew = skew;
        return this;
    }

    /**
     * How long the HTTPS listener keeps a connection that sends nothing (also one stuck half-way through a
     * request). WebSocket clients are pinged at half this interval, so MQTT over WebSocket is not cut.
     */
    public BerthServerBuilder httpIdleTimeout(Duration timeout) {
        if (timeout.toMillis() < 100 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the HTTP idle timeout must be between 100 ms and 24 days");
        }
        this.httpIdleTimeout = timeout;
        return this;
    }

    /** How long a custom allocation webhook may take to answer (connect, headers and body); default 10 s. */
    public BerthServerBuilder customAllocationTimeout(Duration timeout) {
        if (timeout == null || timeout.toMillis() < 1 || timeout.toMinutes() > 5) {
            throw new IllegalArgumentException("the custom allocation timeout must be between 1 ms and 5 minutes");
        }
        this.customAllocationTimeout = timeout;
        return this;
    }

    public BerthServerBuilder mqttSettings(DpsMqttSettings settings) {
        this.mqttSettings = settings;
        return this;
    }

    public BerthServerBuilder meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        return this;
    }

    /** Text served at {@code GET /metrics} on the HTTPS listener (e.g. a Prometheus scrape). */
    public BerthServerBuilder metricsScrape(Supplier<String> scrape) {
        this.metricsScrape = scrape;
        return this;
    }

    /** Adds something that shares the listeners, such as the embedded IoT hub. */
    public BerthServerBuilder extension(dev.berth.server.extension.ServerExtension extension) {
        this.extensions.add(Objects.requireNonNull(extension));
        return this;
    }

    /**
     * Puts assigned devices into the hubs this registry manages (the embedded hub's, or an Azure IoT hub by
     * connection string); assignments to other hubs name the hub only. Default: none.
     */
    public BerthServerBuilder hubRegistry(dev.berth.server.hub.HubRegistry registry) {
        this.hubRegistry = Objects.requireNonNull(registry);
        return this;
    }

    /** Threads that run registrations (store, hub identity, custom allocation webhooks); 32 by default. */
    public BerthServerBuilder registrationWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("registrationWorkers must be at least 1");
        }
        this.registrationWorkers = threads;
        return this;
    }

    public BerthServerBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Opens the store and the PKI (generating what is missing); {@link BerthServer#start()} binds the ports. */
    public BerthServer build() {
        if (dataDirectory == null) {
            throw new IllegalStateException("a data directory is required");
        }
        if (meterRegistry == null) {
            meterRegistry = new SimpleMeterRegistry();
        }
        return new BerthServer(this);
    }
}
