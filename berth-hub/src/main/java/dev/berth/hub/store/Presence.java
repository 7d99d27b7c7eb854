package dev.berth.hub.store;

import java.time.Instant;

/** Which node (and which session on it) holds a device's connection. */
public record Presence(String deviceId, String nodeId, String sessionId, Instant connectedAt) {
}
