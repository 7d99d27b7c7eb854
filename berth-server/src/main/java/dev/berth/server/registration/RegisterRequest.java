package dev.berth.server.registration;

import com.fasterxml.jackson.databind.JsonNode;

/** A parsed register request: the registration ID and the device's custom payload (any JSON, or null). */
public record RegisterRequest(String registrationId, JsonNode payload) {
}
