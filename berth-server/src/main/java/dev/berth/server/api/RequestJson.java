package dev.berth.server.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads request bodies: syntax errors and wrong field types become 400s that say where and what to fix. */
final class RequestJson {
    private static final ObjectReader READER = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RequestJson() {
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
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ProvisioningException(DpsErrorCode.INVALID_JSON,
                    "the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProvisioningException(DpsErrorCode.INVALID_JSON, "the request body could not be read as JSON");
        }
    }

    /** The body as a JSON object, or a 400 naming what the call expects. */
    static ObjectNode requireObject(JsonNode body, String expected) {
        if (body == null) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST, "this call needs a JSON body: " + expected);
        }
        if (!body.isObject()) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST,
                    "the request body must be a JSON object (" + expected + "), not " + kind(body));
        }
        return (ObjectNode) body;
    }

    /** Binds a JSON object to a wire record; a wrong field type becomes a 400 of the given code naming the field. */
    static <T> T bind(JsonNode node, Class<T> type, DpsErrorCode code) {
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw new ProvisioningException(code, "the field '" + path(e) + "' must be " + expected(e.getTargetType()));
        } catch (JsonMappingException e) {
            throw new ProvisioningException(code, "the field '" + path(e) + "' is invalid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ProvisioningException(code, "the body is invalid: " + e.getOriginalMessage());
        }
    }

    static String kind(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.isBoolean() ? "a boolean" : node.isNull() ? "null" : "an object";
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(body)" : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a JSON object";
        }
        return "of another type";
    }
}
