package dev.berth.server.registration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;

/**
 * Reads a register request body the way every official SDK sends it: empty (C#), {@code payload} as an
 * object (Node, C), or {@code payload} as a JSON string holding JSON (Java). The registration ID is taken
 * from the username or path; one in the body must match it, case-insensitively.
 */
public final class RegisterBodyParser {
    public static final int MAX_BODY_BYTES = 96 * 1024;

    private RegisterBodyParser() {
    }

    public static RegisterRequest parse(byte[] body, String registrationId) {
        if (body.length > MAX_BODY_BYTES) {
            throw new ProvisioningException(DpsErrorCode.PAYLOAD_TOO_LARGE, "the request body has " + body.length
                    + " bytes; the limit is " + MAX_BODY_BYTES + " bytes (96 KB)");
        }
        String text = decodeUtf8(body).strip();
        if (text.isEmpty()) {
            return new RegisterRequest(registrationId, null);
        }
        JsonNode root = readJson(text, "the request body");
        if (!root.isObject()) {
            throw new ProvisioningException(DpsErrorCode.INVALID_JSON, "the request body must be a JSON object like"
                    + " {\"registrationId\":\"" + registrationId + "\",\"payload\":{...}}, got a JSON " + root.getNodeType().name().toLowerCase());
        }
        JsonNode id = root.get("registrationId");
        if (id != null && !id.isNull() && !(id.isTextual() && id.asText().equalsIgnoreCase(registrationId))) {
            throw new ProvisioningException(DpsErrorCode.INVALID_REGISTRATION_ID, "the body's registrationId '" + id.asText()
                    + "' differs from the registration ID '" + registrationId + "' this connection authenticated as");
        }
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            return new RegisterRequest(registrationId, null);
        }
        if (payload.isTextual()) {
            String inner = payload.asText().strip();
            payload = inner.isEmpty() ? null : readJson(inner, "the payload string");
        }
        return new RegisterRequest(registrationId, payload);
    }

    private static JsonNode readJson(String text, String what) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ProvisioningException(DpsErrorCode.INVALID_JSON, what + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (at character " + e.getLocation().getCharOffset() + ")"));
        }
    }

    private static String decodeUtf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProvisioningException(DpsErrorCode.INVALID_JSON, "the request body is not valid UTF-8");
        }
    }
}
