package dev.berth.hub.device;

import dev.berth.hub.store.TelemetryMessage;
import io.vertx.core.Future;

/**
 * What the device sessions tell the other hub nodes, and ask of them. On one node (SQLite, the embedded default)
 * it is {@link #SINGLE_NODE}, which does nothing; with several nodes on PostgreSQL it is {@code dev.berth.hub.cluster.HubCluster}.
 * Apart from {@link #deviceConnecting}, every call returns at once and does its store work on a worker.
 */
public interface ClusterLink {

    /** Whether other nodes may hold devices (then method calls for a device not connected here go through the store). */
    boolean spansNodes();

    /**
     * Blocking, on the worker that checks the CONNECT: records that the device's connection is now this session on
     * this node, and closes its older session on another node.
     */
    void deviceConnecting(String deviceId, String sessionId);

    /** The session ended; its presence is removed if it is still this session's. */
    void deviceDisconnected(String deviceId, String sessionId);

    /** A session here subscribed to (or restored) {@code $iothub/methods/POST/#}: take calls waiting for the device. */
    void methodsSubscribed(String deviceId);

    /** Calls a direct method on a device that is not connected here (or not yet subscribed to methods). */
    Future<MethodOutcome> callElsewhere(String deviceId, DirectMethodCall call);

    /** A device connected here sent telemetry; nodes with live followers get it. */
    void telemetryStored(TelemetryMessage message);

    /** How many live telemetry followers (HTTP streams) this node now has. */
    void telemetryFollowersChanged(int followers);

    ClusterLink SINGLE_NODE = new ClusterLink() {
        @Override
        public boolean spansNodes() {
            return false;
        }

        @Override
        public void deviceConnecting(String deviceId, String sessionId) {
        }

        @Override
        public void deviceDisconnected(String deviceId, String sessionId) {
        }

        @Override
        public void methodsSubscribed(String deviceId) {
        }

        @Override
        public Future<MethodOutcome> callElsewhere(String deviceId, DirectMethodCall call) {
            throw new IllegalStateException("one hub node has no other node to call; ask spansNodes() first");
        }

        @Override
        public void telemetryStored(TelemetryMessage message) {
        }

        @Override
        public void telemetryFollowersChanged(int followers) {
        }
    };
}
