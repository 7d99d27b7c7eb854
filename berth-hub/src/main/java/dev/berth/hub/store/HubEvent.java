package dev.berth.hub.store;

import java.time.Instant;

/**
 * A message for one hub node, kept in its inbox until it takes it. The body's meaning depends on the kind (see the
 * constants); the sequence is assigned by the database.
 */
public record HubEvent(long sequence, String targetNode, String kind, String deviceId, byte[] body, Instant createdAt) {
    /** body: the desired patch (JSON, with {@code $version}) */
    public static final String DESIRED = "desired";
    /** body: empty; the device has cloud-to-device messages queued */
    public static final String CLOUD_TO_DEVICE = "c2d";
    /** body: the reason (UTF-8); close the device's connection */
    public static final String REVOKED = "revoked";
    /** body: the session ID (UTF-8) that a connection on another node replaced */
    public static final String REPLACED = "replaced";
    /** body: the call ID (UTF-8) of a direct-method call to claim */
    public static final String METHOD_CALL = "method_call";
    /** body: the call ID (UTF-8) of a call whose outcome is stored */
    public static final String METHOD_DONE = "method_done";
    /** body: a telemetry message (JSON) for the node's live followers */
    public static final String TELEMETRY = "telemetry";
    /** body: empty; node membership or telemetry followers changed */
    public static final String NODES_CHANGED = "nodes_changed";

    public HubEvent {
        body = body == null ? new byte[0] : body;
    }

    public static HubEvent to(String targetNode, String kind, String deviceId, byte[] body) {
        return new HubEvent(0, targetNode, kind, deviceId, body, null);
    }

    /** The NOTIFY channel a node LISTENs on: a lower-case identifier that needs no quoting. */
    public static String channel(String nodeId) {
        return "berth_hub_" + nodeId.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }
}
