package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;

/** The service API's view of a registration ({@code GET /registrations/{id}}); all fields are read-only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceRegistrationState(
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
        Object payload) {
}
