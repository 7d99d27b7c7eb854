package dev.berth.device.provisioning;

import java.time.Instant;

/**
 * The outcome of a registration. {@link #status()} must be {@link ProvisioningStatus#ASSIGNED} before the
 * device connects to {@link #assignedHub()} as {@link #deviceId()}; otherwise {@link #errorCode()} and
 * {@link #errorMessage()} say why (for example {@code 401000} for a wrong key or {@code 404…} for a
 * registration ID the service does not know).
 *
 * @param status                 where the registration stands
 * @param registrationId         the registration ID the service answered for
 * @param assignedHub            host name of the hub the device was assigned to, when assigned
 * @param deviceId               the device's ID in that hub, when assigned
 * @param substatus              why the device got this hub, when the service says
 * @param errorCode              the 6-digit DPS error code (HTTP status × 1000 + n), or null when there is no error
 * @param errorMessage           what the service said went wrong, or null
 * @param createdDateTimeUtc     when the registration record was created, when the service says
 * @param lastUpdatedDateTimeUtc when the registration record last changed, when the service says
 * @param etag                   the registration record's version tag, when the service says
 * @param payload                JSON text of the object the service returned (e.g. from a custom allocation webhook), or null
 * @param operationId            the service's ID of this registration operation, when one was started
 * @param trackingId             the service's ID for this error in its logs, when it reported one
 */
public record DeviceRegistrationResult(
        ProvisioningStatus status,
        String registrationId,
        String assignedHub,
        String deviceId,
        ProvisioningSubstatus substatus,
        Integer errorCode,
        String errorMessage,
        Instant createdDateTimeUtc,
        Instant lastUpdatedDateTimeUtc,
        String etag,
        String payload,
        String operationId,
        String trackingId) {

    /** True when the device was assigned to a hub and may connect to it. */
    public boolean isAssigned() {
        return status == ProvisioningStatus.ASSIGNED;
    }
}
