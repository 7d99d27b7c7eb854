package dev.berth.hub.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.server.Json;
import java.io.IOException;

/** Reads hub request bodies: syntax errors and wrong field types become 400s that say what to fix. */
final class HubJson {
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private HubJson() {
    }

    /** @return the parsed body, or null for an empty body */
    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = READER.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            throw new HubException(HubErrorCode.IOT_HUB_FORMAT_ERROR, "the request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HubException(HubErrorCode.IOT_HUB_FORMAT_ERROR, "the request body could not be read as JSON");
        }
    }

    static ObjectNode requireObject(JsonNode body, String expected) {
        if (body == null || !body.isObject()) {
            throw new HubException(HubErrorCode.ARGUMENT_INVALID, "the request body must be a JSON object (" + expected + ")"
                    + (body == null ? "; it was empty" : ""));
        }
        return (ObjectNode) body;
    }

    /** The field as an object, null when absent or JSON null; anything else is a 400 naming the field. */
    static ObjectNode optionalObject(JsonNode parent, String field, String path) {
        JsonNode value = parent == null ? null : parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new HubException(HubErrorCode.ARGUMENT_INVALID, "'" + path + "' must be a JSON object");
        }
        return (ObjectNode) value;
    }

    static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new HubException(HubErrorCode.ARGUMENT_INVALID, "the body is not a valid " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }
}
