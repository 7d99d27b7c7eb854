package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The register request body. {@code payload} is whatever JSON the device sent: an object (Node, C), a
 * JSON string that holds JSON (the official Java SDK) or absent (C# sends no body at all).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeviceRegistration(String registrationId, Object payload) {
}
