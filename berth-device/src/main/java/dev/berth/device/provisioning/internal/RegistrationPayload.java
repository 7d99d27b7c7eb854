package dev.berth.device.provisioning.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.dps.DeviceRegistration;
import java.nio.charset.StandardCharsets;

/**
 * The register request body. The additional payload goes out as a JSON object (as Node and C do), not as
 * a string holding JSON (as the official Java SDK does), so that services and webhooks see real JSON.
 */
public final class RegistrationPayload {

    private RegistrationPayload() {
    }

    /**
     * @param json a JSON object as text, or null/blank for none
     * @return the parsed object, or null for none
     * @throws IllegalArgumentException if the text is not JSON or not a JSON object
     */
    public static ObjectNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the additional payload is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("the additional payload must be a JSON object like {\"modelId\":\"...\"}, got a JSON "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return object;
    }

    /** {@code {"registrationId":"…","payload":{…}}}, payload left out when there is none. */
    static byte[] registerBody(String registrationId, ObjectNode payload) {
        try {
            return Json.MAPPER.writeValueAsString(new DeviceRegistration(registrationId, payload))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the register body", e);
        }
    }
}
