package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to a register or operation-status request: always {@code operationId} and {@code status}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationOperationStatus(String operationId, RegistrationStatus status, DeviceRegistrationResult registrationState) {
}
