package dev.berth.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to a bulk call: {@code {"isSuccessful":…,"errors":[…]}} in the Azure schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResult(@JsonProperty("isSuccessful") boolean isSuccessful, List<ItemError> errors) {

    /** One failed item; exactly one of the two IDs is set, and {@code errorStatus} says what went wrong. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemError(String registrationId, String enrollmentGroupId, int errorCode, String errorStatus) {
    }
}
