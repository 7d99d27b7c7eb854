package dev.berth.server.store;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import java.time.Instant;

/**
 * The persisted registration state of one registration ID. {@code payloadJson} is the JSON object text
 * returned to the device (null when none); {@code enrollmentGroupId} is null for individual enrollments.
 * {@code createdAt} and {@code etag} are assigned by the store on save.
 */
public record RegistrationRecord(
        String registrationId,
        String deviceId,
        String assignedHub,
        RegistrationStatus status,
        Substatus substatus,
        Integer errorCode,
        String errorMessage,
        Instant createdAt,
        Instant lastUpdatedAt,
        String etag,
        String payloadJson,
        String enrollmentGroupId) {
}
