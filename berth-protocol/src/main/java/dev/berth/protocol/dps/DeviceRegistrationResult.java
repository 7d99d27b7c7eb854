package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code registrationState}: the device's view of its registration. Date-times are ISO-8601 UTC strings
 * with seven fractional digits, as DPS writes them ({@link DpsTimestamps}). {@code payload} is a JSON object
 * or absent, never a string (the Java SDK and embedded C reject anything else).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceRegistrationResult(
        String registrationId,
        String createdDateTimeUtc,
        String assignedHub,
        String deviceId,
        RegistrationStatus status,
        Substatus substatus,
        Integer errorCode,
        String errorMessage,
        String lastUpdatedDateTimeUtc,
        String etag,
        SymmetricKeyRegistrationResult symmetricKey,
        X509RegistrationResult x509,
        Object payload) {
}
