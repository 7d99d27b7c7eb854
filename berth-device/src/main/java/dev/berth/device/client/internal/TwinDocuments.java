package dev.berth.device.client.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.device.client.DesiredPropertiesUpdate;
import dev.berth.device.client.Twin;
import dev.berth.device.client.TwinProperties;
import java.io.IOException;
import java.util.Map;

/** The JSON of twin documents and patches, both ways. */
public final class TwinDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private TwinDocuments() {
    }

    /** @throws IllegalArgumentException when the body is not {@code {"desired":{…},"reported":{…}}} */
    public static Twin twin(byte[] body) {
        JsonNode root = object(body, "the twin");
        return new Twin(properties(root.get("desired")), properties(root.get("reported")));
    }

    public static DesiredPropertiesUpdate desiredUpdate(byte[] body, Long topicVersion) {
        ObjectNode patch = object(body, "the desired-properties patch");
        JsonNode bodyVersion = patch.remove("$version");
        long version = topicVersion != null ? topicVersion : bodyVersion != null && bodyVersion.canConvertToLong()
                ? bodyVersion.asLong() : -1;
        return new DesiredPropertiesUpdate(version, patch.toString(), JSON.convertValue(patch, MAP));
    }

    /** A reported-properties patch as JSON text; {@code null} values delete the property. */
    public static String reportedPatch(Map<String, Object> properties) {
        try {
            return JSON.writeValueAsString(properties);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the reported properties cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** @throws IllegalArgumentException unless the text is one JSON object */
    public static String checkedPatch(String json) {
        return object(json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "the reported-properties patch").toString();
    }

    /** The hub's error message from an error body ({@code {"message":…}} or {@code {"Message":…}}), else the body. */
    public static String errorMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return "no details";
        }
        try {
            JsonNode root = JSON.readTree(body);
            for (String field : new String[] {"message", "Message", "errorMessage"}) {
                if (root != null && root.hasNonNull(field)) {
                    return root.get(field).asText();
                }
            }
        } catch (IOException e) {
            // not JSON: the text itself is the best description
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String errorBody(String message) {
        return JSON.createObjectNode().put("message", message).toString();
    }

    private static TwinProperties properties(JsonNode node) {
        if (node == null || node.isNull()) {
            return new TwinProperties(0, Map.of(), "{}");
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("twin properties must be a JSON object, not " + node.getNodeType());
        }
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        JsonNode version = copy.remove("$version");
        copy.remove("$metadata");
        return new TwinProperties(version == null ? 0 : version.asLong(), JSON.convertValue(copy, MAP), copy.toString());
    }

    private static ObjectNode object(byte[] body, String what) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException(what + " is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
