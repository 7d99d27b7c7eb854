package dev.berth.hub;

import dev.berth.hub.api.HubServiceApi;
import dev.berth.hub.cluster.HubCluster;
import dev.berth.hub.device.ClusterLink;
import dev.berth.hub.device.HubDeviceSessions;
import dev.berth.hub.registry.EmbeddedHubRegistry;
import dev.berth.hub.store.HubStore;
import dev.berth.hub.store.JdbcHubStore;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.server.api.ServiceAuthorizer;
import dev.berth.server.extension.ExtensionContext;
import dev.berth.server.extension.ServerExtension;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.store.JdbcBerthStore;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded IoT hub as a server extension: device sessions on the server's MQTT listener (told apart by
 * the CONNECT username), the registry REST API and the device-facing service routes on its HTTPS listener,
 * its tables in the provisioning database.
 * <pre>{@code
 * BerthHub hub = BerthHub.builder().hubHostNames(List.of("hub.example.com")).build();
 * BerthServer server = BerthServer.builder().dataDirectory(dir)
 *         .hostNames(List.of("dps.example.com", "hub.example.com")).linkedHubs(List.of("hub.example.com"))
 *         .extension(hub).hubRegistry(hub.hubRegistry()).build().start();
 * }</pre>
 */
public final class BerthHub implements ServerExtension {
    private static final Logger LOG = LoggerFactory.getLogger(BerthHub.class);

    private final List<String> hubHostNames;
    private final Duration telemetryRetention;
    private final Duration purgeInterval;
    private final Duration clusterHeartbeat;
    private final Duration clusterPoll;
    private final EmbeddedHubRegistry registry;
    private volatile JdbcHubStore store;
    private volatile String policyKey;
    private DeviceNotifier notifier;
    /** events and handed-over method calls live seconds; these bounds only clean up after nodes that died */
    private static final Duration KEEP_CLUSTER_EVENTS = Duration.ofMinutes(5);
    private static final Duration FORGET_DEAD_NODES_AFTER = Duration.ofMinutes(10);
    private HubDeviceSessions sessions;
    private HubCluster cluster;
    private HubServiceApi api;
    private Vertx vertx;
    private Clock clock;
    private long purgeTimer = -1;

    BerthHub(BerthHubBuilder config) {
        this.hubHostNames = List.copyOf(config.hubHostNames);
        this.telemetryRetention = config.telemetryRetention;
        this.purgeInterval = config.purgeInterval;
        this.clusterHeartbeat = config.clusterHeartbeat;
        this.clusterPoll = config.clusterPoll;
        this.registry = new EmbeddedHubRegistry(hubHostNames);
    }

    public static BerthHubBuilder builder() {
        return new BerthHubBuilder();
    }

    @Override
    public synchronized void start(ExtensionContext context) {
        if (!(context.store() instanceof JdbcBerthStore provisioningStore)) {
            throw new IllegalStateException("the embedded hub keeps its tables in the provisioning database and needs a SQL store"
                    + " (SQLite or PostgreSQL), not " + context.store().getClass().getSimpleName());
        }
        vertx = context.vertx();
        clock = context.clock();
        store = JdbcHubStore.on(provisioningStore, clock);
        policyKey = HubPolicy.loadOrCreateKey(context.store());
        // on a database other processes can share (PostgreSQL) other hub nodes may hold devices: route through it
        cluster = store.cluster().isShared() ? new HubCluster(vertx, store.cluster(), provisioningStore.dataSource(), clock,
                context.meters(), clusterHeartbeat, clusterPoll) : null;
        sessions = new HubDeviceSessions(vertx, store, new LinkedHashSet<>(hubHostNames), context.meters(), clock,
                context.disconnector(), cluster == null ? ClusterLink.SINGLE_NODE : cluster);
        DeviceNotifier notifier = sessions;
        if (cluster != null) {
            cluster.start(sessions);
            notifier = cluster.notifier();
        }
        this.notifier = notifier;
        var authorizer = new ServiceAuthorizer(HubPolicy.NAME, policyKey, hubHostNames, clock);
        ConnectionStates connectionStates = cluster != null ? cluster.connectionStates() : sessions;
        api = new HubServiceApi(store, authorizer, notifier, connectionStates, context.meters(), clock);
        registry.attach(store, notifier);
        purgeTimer = vertx.setPeriodic(purgeInterval.toMillis(), id -> vertx.executeBlocking(this::purge, false));
        LOG.info("Berth hub: host names {}, telemetry kept {}, {} hub migrations applied, {}", hubHostNames, telemetryRetention,
                store.migrationsApplied(), cluster == null ? "single node" : "node " + cluster.nodeId() + " of several on the shared database");
    }

    /** Drops expired cloud-to-device messages and telemetry older than the retention; logs and goes on if the store fails. */
    int purge() {
        try {
            int messages = store.purgeExpiredMessages(clock.instant());
            int telemetry = store.purgeTelemetry(clock.instant().minus(telemetryRetention));
            if (cluster != null) {
                cluster.purge(KEEP_CLUSTER_EVENTS, FORGET_DEAD_NODES_AFTER);
            }
            if (messages + telemetry > 0) {
                LOG.info("Hub purge: dropped {} expired cloud-to-device messages and {} old telemetry messages", messages, telemetry);
            }
            return messages + telemetry;
        } catch (RuntimeException e) {
            LOG.warn("Hub purge failed; trying again in {}: {}", purgeInterval, e.toString());
            return 0;
        }
    }

    @Override
    public void mountRoutes(Router router) {
        requireStarted();
        api.mount(router);
        sessions.mountRoutes(router, api.authorizationHandler(), notifier);
    }

    @Override
    public boolean servesMqttUsername(String username) {
        return HubUsername.looksLikeHub(username);
    }

    @Override
    public void openMqttSession(MqttConnection connection) {
        requireStarted();
        sessions.open(connection);
    }

    @Override
    public synchronized void stop() {
        if (vertx != null && purgeTimer >= 0) {
            vertx.cancelTimer(purgeTimer);
            purgeTimer = -1;
        }
        if (cluster != null) {
            cluster.stop();
        }
        registry.attach(null, null);
    }

    /** The registry the provisioning service uses to put devices into this hub: pass it to {@code BerthServerBuilder.hubRegistry}. */
    public HubRegistry hubRegistry() {
        return registry;
    }

    public List<String> hubHostNames() {
        return hubHostNames;
    }

    /** The hub's store, once started (e.g. for a telemetry reader). */
    public HubStore store() {
        requireStarted();
        return store;
    }

    /** The {@code iothubowner} connection string for one of the hub's names; available once the server has started. */
    public String serviceConnectionString(String hubHostName, int httpsPort) {
        requireStarted();
        if (hubHostNames.stream().noneMatch(h -> h.equalsIgnoreCase(hubHostName))) {
            throw new IllegalArgumentException("'" + hubHostName + "' is not one of this hub's host names " + hubHostNames);
        }
        return HubPolicy.connectionString(hubHostName, httpsPort, policyKey);
    }

    private void requireStarted() {
        if (store == null) {
            throw new IllegalStateException("the hub has not started; start the BerthServer it is an extension of first");
        }
    }
}
