package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code registrationState.symmetricKey}: names the group a symmetric-key device was matched through. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SymmetricKeyRegistrationResult(String enrollmentGroupId) {
}
