package dev.berth.hub.store;

import java.time.Instant;
import java.util.Map;

/** A queued cloud-to-device message; completed (deleted) when the device PUBACKs it, or dropped when it expires. */
public record CloudToDeviceMessage(
        String messageId,
        String deviceId,
        byte[] payload,
        Map<String, String> properties,
        String correlationId,
        Instant enqueuedAt,
        Instant expiresAt,
        int deliveryCount) {
}
