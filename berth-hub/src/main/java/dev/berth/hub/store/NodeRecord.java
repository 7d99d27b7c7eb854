package dev.berth.hub.store;

import java.time.Instant;

/** A hub node's heartbeat row. */
public record NodeRecord(String nodeId, Instant startedAt, Instant lastSeen, int telemetryFollowers) {
}
