package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link ClusterStore} on the hub's SQL database; get it from {@link JdbcHubStore#cluster()}. */
public final class JdbcClusterStore implements ClusterStore {
    private final Jdbc jdbc;
    private final JdbcNodes nodes;
    private final JdbcHubEvents events;
    private final JdbcMethodCallRows calls;

    JdbcClusterStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.nodes = new JdbcNodes(jdbc);
        this.events = new JdbcHubEvents(jdbc, clock, isShared());
        this.calls = new JdbcMethodCallRows(jdbc, events);
    }

    /** Whether other processes can share this database (PostgreSQL) rather than one embedded file (SQLite). */
    public boolean isShared() {
        return jdbc.dialect().sharedAcrossProcesses();
    }

    @Override
    public void heartbeat(String nodeId, Instant now, int telemetryFollowers) {
        nodes.heartbeat(nodeId, now, telemetryFollowers);
    }

    @Override
    public void leave(String nodeId) {
        nodes.leave(nodeId);
    }

    @Override
    public List<NodeRecord> liveNodes(Instant aliveSince) {
        return nodes.live(aliveSince);
    }

    @Override
    public Optional<Presence> claimPresence(String deviceId, String nodeId, String sessionId, Instant now) {
        return nodes.claim(deviceId, nodeId, sessionId, now);
    }

    @Override
    public boolean releasePresence(String deviceId, String nodeId, String sessionId) {
        return nodes.release(deviceId, nodeId, sessionId);
    }

    @Override
    public Optional<Presence> findPresence(String deviceId, Instant aliveSince) {
        return nodes.find(deviceId, aliveSince);
    }

    @Override
    public Set<String> connectedDevices(Collection<String> deviceIds, Instant aliveSince) {
        return nodes.connected(deviceIds, aliveSince);
    }

    @Override
    public void send(HubEvent event) {
        events.send(event);
    }

    @Override
    public List<HubEvent> takeEvents(String nodeId, int maxItems) {
        return events.take(nodeId, maxItems);
    }

    @Override
    public void createMethodCall(MethodCallRecord call, String notifyNode) {
        calls.create(call, notifyNode);
    }

    @Override
    public List<MethodCallRecord> claimMethodCalls(String deviceId, String nodeId, Instant now) {
        return calls.claim(deviceId, nodeId, now);
    }

    @Override
    public List<String> devicesWithUnclaimedCalls(Instant now) {
        return calls.devicesWithUnclaimed(now);
    }

    @Override
    public boolean abandonUnclaimedCall(String callId) {
        return calls.abandonUnclaimed(callId);
    }

    @Override
    public void completeMethodCall(String callId, String outcome, int status, byte[] payload) {
        calls.complete(callId, outcome, status, payload);
    }

    @Override
    public Optional<MethodCallRecord> findMethodCall(String callId) {
        return calls.find(callId);
    }

    @Override
    public void deleteMethodCall(String callId) {
        calls.delete(callId);
    }

    @Override
    public int purge(Instant createdBefore, Instant aliveSince) {
        return jdbc.inTransaction("purge old hub events, method calls and dead nodes", connection ->
                events.purge(connection, createdBefore) + calls.purge(connection, createdBefore) + nodes.purgeDead(connection, aliveSince));
    }
}
