package dev.berth.hub.cluster;

import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.NodeRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * This node's identity and heartbeat, and a cached view of the other live nodes. A node is alive while its
 * heartbeat is younger than three heartbeat intervals; the presence of devices on a node that is not counts for
 * nothing. Blocking methods are marked; the view is read from any thread.
 */
final class NodeMembership {
    static final int MISSED_HEARTBEATS_BEFORE_DEAD = 3;

    private final String nodeId;
    private final ClusterStore store;
    private final Clock clock;
    private final Duration heartbeat;
    private final AtomicInteger telemetryFollowers = new AtomicInteger();
    private volatile Set<String> liveNodes = Set.of();
    private volatile Set<String> followedNodes = Set.of();

    NodeMembership(String nodeId, ClusterStore store, Clock clock, Duration heartbeat) {
        this.nodeId = nodeId;
        this.store = store;
        this.clock = clock;
        this.heartbeat = heartbeat;
    }

    String nodeId() {
        return nodeId;
    }

    /** Heartbeats older than this mean the node is gone. */
    Instant aliveSince() {
        return clock.instant().minus(heartbeat.multipliedBy(MISSED_HEARTBEATS_BEFORE_DEAD));
    }

    /** Blocking: writes the heartbeat, then refreshes the view. */
    void beat() {
        store.heartbeat(nodeId, clock.instant(), telemetryFollowers.get());
        refresh();
    }

    /** Blocking: re-reads which nodes are alive and which have telemetry followers. */
    void refresh() {
        List<NodeRecord> nodes = store.liveNodes(aliveSince());
        liveNodes = nodes.stream().map(NodeRecord::nodeId).collect(Collectors.toUnmodifiableSet());
        followedNodes = nodes.stream().filter(n -> n.telemetryFollowers() > 0 && !n.nodeId().equals(nodeId))
                .map(NodeRecord::nodeId).collect(Collectors.toUnmodifiableSet());
    }

    /** @return the count before */
    int telemetryFollowers(int followers) {
        return telemetryFollowers.getAndSet(followers);
    }

    /** The other live nodes (as last seen). */
    Set<String> otherLiveNodes() {
        return liveNodes.stream().filter(n -> !n.equals(nodeId)).collect(Collectors.toUnmodifiableSet());
    }

    int liveNodeCount() {
        return liveNodes.size();
    }

    /** Other nodes that have live telemetry followers (as last seen). */
    Set<String> followedNodes() {
        return followedNodes;
    }
}
