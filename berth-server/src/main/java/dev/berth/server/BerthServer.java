package dev.berth.server;

import dev.berth.server.allocation.HubAllocator;
import dev.berth.server.allocation.LinkedHubs;
import dev.berth.server.api.ServiceApi;
import dev.berth.server.api.ServiceAuthorizer;
import dev.berth.server.attestation.DeviceAuthenticator;
import dev.berth.server.attestation.SymmetricKeyAttestor;
import dev.berth.server.attestation.X509Attestor;
import dev.berth.server.device.https.DeviceRegistrationApi;
import dev.berth.server.device.mqtt.MqttListener;
import dev.berth.server.extension.ExtensionContext;
import dev.berth.server.extension.ServerExtension;
import dev.berth.server.mqtt.MqttDisconnector;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.function.Consumer;
import dev.berth.server.metrics.DpsMetrics;
import dev.berth.server.mqtt.MqttWebSocketUpgrade;
import dev.berth.server.pki.ServerPki;
import dev.berth.server.registration.Assignment;
import dev.berth.server.registration.RegistrationService;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.SqliteBerthStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provisioning service as a library: {@code BerthServer.builder().dataDirectory(dir).build().start()}.
 * One MQTT/TLS listener and one HTTPS listener; state lives in the store, so several servers may share a
 * PostgreSQL database.
 */
public final class BerthServer implements AutoCloseable {
    public static final int DEFAULT_MQTT_PORT = 8883;
    public static final int DEFAULT_HTTPS_PORT = 443;
    /** Used when no host name with a dot is configured: a hub name must contain a dot, and this one resolves everywhere. */
    public static final String LOOPBACK_HUB = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(BerthServer.class);

    private final BerthServerBuilder config;
    private final BerthStore store;
    private final ServerPki pki;
    private final ServiceSettings settings;
    private final LinkedHubs linkedHubs;
    private final List<String> hostNames;
    private Vertx vertx;
    private MqttListener mqtt;
    private HttpsListener https;
    private int mqttPort = -1;
    private int httpsPort = -1;

    BerthServer(BerthServerBuilder config) {
        this.config = config;
        try {
            Files.createDirectories(config.dataDirectory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the data directory " + config.dataDirectory + ": " + e.getMessage(), e);
        }
        this.hostNames = config.hostNames.isEmpty() ? List.of("localhost") : List.copyOf(config.hostNames);
        this.linkedHubs = LinkedHubs.of(config.linkedHubs.isEmpty() ? List.of(defaultHub(hostNames)) : config.linkedHubs);
        this.store = config.store != null ? config.store : SqliteBerthStore.open(config.dataDirectory.resolve("berth.db"));
        try {
            this.settings = ServiceSettings.loadOrCreate(store);
            this.pki = ServerPki.loadOrCreate(config.dataDirectory.resolve("pki"), hostNames);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static BerthServerBuilder builder() {
        return new BerthServerBuilder();
    }

    /** The first configured host name that has a dot and is not an IP address, else {@link #LOOPBACK_HUB}. */
    public static String defaultHub(List<String> hostNames) {
        return hostNames.stream().filter(h -> h.contains(".") && !h.matches("[0-9.]+") && !h.contains(":"))
                .findFirst().orElse(LOOPBACK_HUB);
    }

    /** Binds both listeners; blocks until they listen or fails with the reason (e.g. port in use). */
    public synchronized BerthServer start() {
        if (vertx != null) {
            throw new IllegalStateException("already started");
        }
        vertx = Vertx.vertx();
        DpsMetrics metrics = new DpsMetrics(config.meterRegistry);
        var authenticator = new DeviceAuthenticator(new SymmetricKeyAttestor(store, config.clock, config.allowedClockSkew),
                new X509Attestor(store, config.clock));
        var assignment = new Assignment(new HubAllocator(), linkedHubs::hostNames,
                new dev.berth.server.allocation.CustomAllocationClient(config.customAllocationTimeout));
        var registrations = new RegistrationService(store, store, assignment, config.clock, metrics, config.retryAfterSeconds,
                config.hubRegistry);
        PemKeyCertOptions certificate = new PemKeyCertOptions()
                .setCertPath(pki.serverCertificateChain().toString()).setKeyPath(pki.serverKey().toString());
        var extensionContext = new ExtensionContext(vertx, store, config.meterRegistry, config.clock,
                new MqttDisconnector(config.meterRegistry), config.dataDirectory, hostNames);
        config.extensions.forEach(extension -> extension.start(extensionContext));
        // registrations run on their own pool: a slow custom-allocation webhook or hub must not starve the
        // shared worker pool that CONNECT authentication and the service API use
        var registrationWorkers = vertx.createSharedWorkerExecutor("berth-registrations", config.registrationWorkers);
        mqtt = new MqttListener(vertx, settings::idScope, authenticator, registrations, metrics, config.clock, config.mqttSettings,
                config.extensions, registrationWorkers);
        var authorizer = new ServiceAuthorizer(ServiceSettings.SERVICE_POLICY_NAME, settings.servicePolicyKey(), hostNames, config.clock);
        var serviceApi = new ServiceApi(store, authorizer, linkedHubs, config.meterRegistry, config.clock);
        var deviceApi = new DeviceRegistrationApi(settings::idScope, authenticator, registrations, store, metrics, config.clock,
                registrationWorkers);
        var webSockets = new MqttWebSocketUpgrade(vertx, mqtt::accept, config.meterRegistry, config.clock);
        List<Consumer<Router>> mounts = new ArrayList<>(List.of(serviceApi::mount, deviceApi::mount));
        config.extensions.forEach(extension -> mounts.add(extension::mountRoutes));
        https = new HttpsListener(vertx, mounts, webSockets, config.httpIdleTimeout,
                config.metricsScrape);
        try {
            mqttPort = await(mqtt.start(config.bindHost, config.mqttPort, certificate), "MQTT", config.mqttPort);
            httpsPort = await(https.start(config.bindHost, config.httpsPort, certificate), "HTTPS", config.httpsPort);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> vertx.executeBlocking(
                () -> store.purgeOperations(config.clock.instant().minus(Duration.ofHours(24))), false));
        LOG.info("Berth provisioning service: ID scope {}, MQTT port {}, HTTPS port {}, hubs [{}], store {}, CA {}",
                settings.idScope(), mqttPort, httpsPort, linkedHubs, store.dialect(), pki.caCertificate());
        return this;
    }

    private static int await(Future<Integer> listening, String name, int port) {
        try {
            return listening.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the " + name + " listener", e);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String hint = cause instanceof java.net.BindException || String.valueOf(cause.getMessage()).contains("ermission")
                    ? (port < 1024 ? " (ports below 1024 need root; choose another port)" : " (is another process using it?)") : "";
            throw new IllegalStateException("cannot listen for " + name + " on port " + port + ": " + cause.getMessage() + hint, cause);
        }
    }

    public String idScope() {
        return settings.idScope();
    }

    /** The connection string of the service policy, naming this server by its first host name and HTTPS port. */
    public String serviceConnectionString() {
        int port = httpsPort > 0 ? httpsPort : config.httpsPort;
        String host = hostNames.get(0) + (port == DEFAULT_HTTPS_PORT ? "" : ":" + port);
        return "HostName=" + host + ";SharedAccessKeyName=" + ServiceSettings.SERVICE_POLICY_NAME + ";SharedAccessKey=" + settings.servicePolicyKey();
    }

    /** The PEM file of the CA that devices must trust. */
    public Path caCertificate() {
        return pki.caCertificate();
    }

    /** The bound MQTT port after {@link #start()}, else the configured one. */
    public int mqttPort() {
        return mqttPort > 0 ? mqttPort : config.mqttPort;
    }

    public int httpsPort() {
        return httpsPort > 0 ? httpsPort : config.httpsPort;
    }

    public List<String> linkedHubs() {
        return linkedHubs.hostNames();
    }

    public List<String> hostNames() {
        return hostNames;
    }

    public String storeDialect() {
        return store.dialect();
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            for (ServerExtension extension : config.extensions) {
                try {
                    extension.stop();
                } catch (RuntimeException e) {
                    LOG.warn("Extension {} did not stop cleanly: {}", extension.getClass().getSimpleName(), e.toString());
                }
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("Vert.x did not close cleanly: {}", e.toString());
            }
            vertx = null;
        }
        store.close();
    }
}
