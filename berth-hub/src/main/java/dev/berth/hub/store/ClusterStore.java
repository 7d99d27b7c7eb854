package dev.berth.hub.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What several hub nodes on one database share besides the hub's data: node heartbeats, which node holds each
 * device's connection, a per-node inbox of events and the direct-method calls handed between nodes. Blocking; call
 * off the event loop. A node counts as alive while its heartbeat is newer than the {@code aliveSince} a caller passes.
 */
public interface ClusterStore {

    /** Records that the node is alive now, with how many live telemetry followers it has. */
    void heartbeat(String nodeId, Instant now, int telemetryFollowers);

    /** A node that stops: its row and the presence of its devices go. */
    void leave(String nodeId);

    List<NodeRecord> liveNodes(Instant aliveSince);

    /**
     * Records that the device's connection is now this session on this node.
     * @return the presence it replaced (on whatever node, alive or not), if any
     */
    Optional<Presence> claimPresence(String deviceId, String nodeId, String sessionId, Instant now);

    /** Removes the presence only if it is still this session's. */
    boolean releasePresence(String deviceId, String nodeId, String sessionId);

    /** Where the device is connected, counting only nodes alive since {@code aliveSince}. */
    Optional<Presence> findPresence(String deviceId, Instant aliveSince);

    /** Of these devices, the ones connected to a node alive since {@code aliveSince}, in one read per chunk. */
    Set<String> connectedDevices(Collection<String> deviceIds, Instant aliveSince);

    /** Queues an event in its target node's inbox; on PostgreSQL the node is woken by NOTIFY when this commits. */
    void send(HubEvent event);

    /** Removes and returns up to {@code maxItems} events of the node's inbox, oldest first. */
    List<HubEvent> takeEvents(String nodeId, int maxItems);

    /** Stores a call; when {@code notifyNode} is given, also queues it a {@link HubEvent#METHOD_CALL} event (one transaction). */
    void createMethodCall(MethodCallRecord call, String notifyNode);

    /** Claims the device's unclaimed calls whose claim deadline has not passed. */
    List<MethodCallRecord> claimMethodCalls(String deviceId, String nodeId, Instant now);

    /** Devices with unclaimed calls whose deadline has not passed (what a node's poll looks for). */
    List<String> devicesWithUnclaimedCalls(Instant now);

    /** Marks an unclaimed call as given up. @return false when a node claimed it first */
    boolean abandonUnclaimedCall(String callId);

    /** Stores the outcome and queues a {@link HubEvent#METHOD_DONE} event for the calling node (one transaction). */
    void completeMethodCall(String callId, String outcome, int status, byte[] payload);

    Optional<MethodCallRecord> findMethodCall(String callId);

    void deleteMethodCall(String callId);

    /** Drops events and method calls created before {@code createdBefore} and nodes not seen since {@code aliveSince}. */
    int purge(Instant createdBefore, Instant aliveSince);
}
