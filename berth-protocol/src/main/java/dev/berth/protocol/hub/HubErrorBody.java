package dev.berth.protocol.hub;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of a hub REST error, in the shape current IoT Hub API versions answer with:
 * {@code {"errorCode":404001,"trackingId":"…","message":"…","timestampUtc":"…"}}; the error name goes into
 * the {@code iothub-errorcode} header.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record HubErrorBody(Integer errorCode, String trackingId, String message, String timestampUtc) {
}
