package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The DPS error body, on every transport and on the service API. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvisioningErrorDetails(Integer errorCode, String trackingId, String message, Map<String, String> info, String timestampUtc) {
}
