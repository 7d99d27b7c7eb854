package dev.berth.hub.store;

import java.time.Instant;
import java.util.Map;

/** A device-to-cloud message as stored: {@code sequence} orders all telemetry and is assigned by the store. */
public record TelemetryMessage(
        long sequence,
        String deviceId,
        String moduleId,
        Instant receivedAt,
        Map<String, String> systemProperties,
        Map<String, String> applicationProperties,
        byte[] payload) {
}
