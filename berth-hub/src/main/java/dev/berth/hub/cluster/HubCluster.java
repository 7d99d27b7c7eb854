package dev.berth.hub.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.ConnectionStates;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.device.ClusterLink;
import dev.berth.hub.device.DirectMethodCall;
import dev.berth.hub.device.HubDeviceSessions;
import dev.berth.hub.device.MethodOutcome;
import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.HubEvent;
import dev.berth.hub.store.Presence;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.server.Json;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub node among several on one PostgreSQL database (docs/hub.md, "Several hub nodes"). The store is the bus:
 * presence rows say which node holds each device, each node has an inbox table woken by LISTEN/NOTIFY and polled
 * as a fallback, and direct-method calls are handed over as rows. There is no connection between nodes.
 */
public final class HubCluster implements ClusterLink {
    private static final Logger LOG = LoggerFactory.getLogger(HubCluster.class);

    private final Vertx vertx;
    private final ClusterStore store;
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration heartbeat;
    private final Duration poll;
    private final NodeMembership membership;
    private final ClusterMetrics metrics;
    private final RemoteMethodCaller caller;
    private final TelemetryRelay relay;
    private HubDeviceSessions sessions;
    private RemoteMethodExecutor executor;
    private ClusterNotifier notifier;
    private EventInbox inbox;
    private NotificationListener listener;
    private volatile boolean running;
    private long heartbeatTimer = -1;
    private long pollTimer = -1;

    public HubCluster(Vertx vertx, ClusterStore store, DataSource dataSource, Clock clock, MeterRegistry meters, Duration heartbeat,
            Duration poll) {
        this.vertx = vertx;
        this.store = store;
        this.dataSource = dataSource;
        this.clock = clock;
        this.heartbeat = heartbeat;
        this.poll = poll;
        this.membership = new NodeMembership(UUID.randomUUID().toString(), store, clock, heartbeat);
        this.metrics = new ClusterMetrics(meters, membership::liveNodeCount);
        this.caller = new RemoteMethodCaller(vertx, store, membership, clock, poll.multipliedBy(2).plus(heartbeat));
        this.relay = new TelemetryRelay(vertx, store, membership, metrics);
    }

    public String nodeId() {
        return membership.nodeId();
    }

    /** Blocking: announces the node, then starts listening, heart-beating and polling. Call before devices connect. */
    public synchronized void start(HubDeviceSessions deviceSessions) {
        this.sessions = deviceSessions;
        this.executor = new RemoteMethodExecutor(vertx, store, nodeId(), clock, deviceSessions, metrics);
        this.notifier = new ClusterNotifier(vertx, store, membership, deviceSessions, metrics);
        this.inbox = new EventInbox(vertx, store, nodeId(), this::handle, metrics);
        membership.beat();
        running = true;
        listener = new NotificationListener(dataSource, HubEvent.channel(nodeId()), inbox::wake, metrics);
        listener.start();
        heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), id -> vertx.executeBlocking(() -> {
            membership.beat();
            return null;
        }, false).onFailure(e -> {
            metrics.failed("heartbeat");
            LOG.warn("Hub node {} could not write its heartbeat; other nodes stop counting its devices after {} missed: {}", nodeId(),
                    NodeMembership.MISSED_HEARTBEATS_BEFORE_DEAD, e.toString());
        }));
        pollTimer = vertx.setPeriodic(poll.toMillis(), id -> {
            inbox.wake();
            executor.claimWaiting();
        });
        LOG.info("Hub node {} joined ({} live nodes; heartbeat {}, poll {})", nodeId(), membership.liveNodeCount(), heartbeat, poll);
    }

    /** Blocking: stops timers and the listener, ends waiting calls, and removes the node and its devices' presence. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        vertx.cancelTimer(heartbeatTimer);
        vertx.cancelTimer(pollTimer);
        inbox.close();
        listener.stop();
        caller.close();
        relay.close();
        try {
            store.leave(nodeId());
            LOG.info("Hub node {} left", nodeId());
        } catch (RuntimeException e) {
            LOG.warn("Hub node {} could not remove itself; other nodes stop counting it after {} missed heartbeats: {}", nodeId(),
                    NodeMembership.MISSED_HEARTBEATS_BEFORE_DEAD, e.toString());
        }
    }

    /** Tells devices about service-side changes on whichever node holds them. */
    public DeviceNotifier notifier() {
        return notifier;
    }

    /** Connected here, or on another live node according to the presence table. */
    public ConnectionStates connectionStates() {
        return deviceIds -> {
            Set<String> connected = new HashSet<>(sessions.connected(deviceIds));
            List<String> elsewhere = deviceIds.stream().filter(id -> !connected.contains(id)).toList();
            if (!elsewhere.isEmpty()) {
                connected.addAll(store.connectedDevices(elsewhere, membership.aliveSince()));
            }
            return connected;
        };
    }

    /** Drops old events and method calls and forgets nodes not seen for {@code deadAfter}; blocking. */
    public int purge(Duration keepEvents, Duration deadAfter) {
        Instant now = clock.instant();
        return store.purge(now.minus(keepEvents), now.minus(deadAfter));
    }

    @Override
    public boolean spansNodes() {
        return true;
    }

    @Override
    public void deviceConnecting(String deviceId, String sessionId) {
        Optional<Presence> previous = store.claimPresence(deviceId, nodeId(), sessionId, clock.instant());
        if (previous.isPresent() && !previous.get().nodeId().equals(nodeId())) {
            // sent even if that node looks dead: it may be a node this one has not seen yet
            store.send(HubEvent.to(previous.get().nodeId(), HubEvent.REPLACED, deviceId,
                    previous.get().sessionId().getBytes(StandardCharsets.UTF_8)));
            metrics.sent(HubEvent.REPLACED);
            LOG.info("Device '{}' moved from hub node {} to this node {}; its older connection there is closed", deviceId,
                    previous.get().nodeId(), nodeId());
        }
    }

    @Override
    public void deviceDisconnected(String deviceId, String sessionId) {
        if (!running) {
            return; // leaving removes all of this node's presence at once
        }
        vertx.executeBlocking(() -> store.releasePresence(deviceId, nodeId(), sessionId), false).onFailure(e -> {
            metrics.failed("presence");
            LOG.warn("Could not record that device '{}' left hub node {}; other nodes may route to it here until it reconnects: {}",
                    deviceId, nodeId(), e.toString());
        });
    }

    @Override
    public void methodsSubscribed(String deviceId) {
        if (running) {
            executor.claimFor(deviceId);
        }
    }

    @Override
    public Future<MethodOutcome> callElsewhere(String deviceId, DirectMethodCall call) {
        if (!running) {
            return Future.succeededFuture(MethodOutcome.notOnline("this hub node is stopping"));
        }
        return caller.call(deviceId, call);
    }

    @Override
    public void telemetryStored(TelemetryMessage message) {
        relay.stored(message);
    }

    @Override
    public void telemetryFollowersChanged(int followers) {
        int before = membership.telemetryFollowers(followers);
        if (!running || (before > 0) == (followers > 0)) {
            return; // other nodes only ask whether this node has followers; the exact count goes with the next heartbeat
        }
        // other nodes start (or stop) relaying at once rather than at their next heartbeat
        vertx.executeBlocking(() -> {
            membership.beat();
            for (String node : membership.otherLiveNodes()) {
                store.send(HubEvent.to(node, HubEvent.NODES_CHANGED, "-", new byte[0]));
                metrics.sent(HubEvent.NODES_CHANGED);
            }
            return null;
        }, false).onFailure(e -> {
            metrics.failed("heartbeat");
            LOG.warn("Could not tell other hub nodes that this node has {} telemetry followers; they learn it within {}: {}", followers,
                    heartbeat, e.toString());
        });
    }

    private void handle(HubEvent event) {
        String deviceId = event.deviceId();
        String text = new String(event.body(), StandardCharsets.UTF_8);
        switch (event.kind()) {
            case HubEvent.DESIRED -> sessions.desiredPropertiesChanged(deviceId, (ObjectNode) Json.read(text, ObjectNode.class));
            case HubEvent.CLOUD_TO_DEVICE -> sessions.cloudToDeviceMessageQueued(deviceId);
            case HubEvent.REVOKED -> sessions.closeRevokedSession(deviceId, text);
            case HubEvent.REPLACED -> sessions.closeSession(deviceId, text, "connection_replaced",
                    "a newer connection of the same device on another hub node replaced this one");
            case HubEvent.METHOD_CALL -> executor.claimFor(deviceId);
            case HubEvent.METHOD_DONE -> caller.done(text);
            case HubEvent.TELEMETRY -> sessions.relayTelemetry(decodeTelemetry(event.body()));
            case HubEvent.NODES_CHANGED -> vertx.executeBlocking(() -> {
                membership.refresh();
                return null;
            }, false);
            default -> LOG.warn("Hub node {} ignored an event of unknown kind '{}' (from a newer Berth version?)", nodeId(), event.kind());
        }
    }

    private static TelemetryMessage decodeTelemetry(byte[] body) {
        try {
            return TelemetryRelay.decode(body);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("a relayed telemetry event is not valid JSON: " + e.getMessage(), e);
        }
    }
}
