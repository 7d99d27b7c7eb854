package dev.berth.hub.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The twin rules that do not depend on storage: JSON merge patches ({@code null} deletes a key, objects merge
 * key by key, anything else replaces), IoT Hub's key rules, and the size limits of each section, measured as
 * compact UTF-8 JSON without {@code $version}/{@code $metadata}.
 */
public final class TwinDocuments {
    public static final int MAX_TAGS_BYTES = 8 * 1024;
    public static final int MAX_DESIRED_BYTES = 32 * 1024;
    public static final int MAX_REPORTED_BYTES = 32 * 1024;
    /** Azure counts the section object itself as level 1; deeper objects are refused. */
    public static final int MAX_DEPTH = 10;

    private TwinDocuments() {
    }

    public static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @return a new object: {@code current} with {@code patch} merged in; neither argument is changed
     * @throws IllegalArgumentException when the patch breaks a key rule (message names the key)
     */
    public static ObjectNode merge(ObjectNode current, ObjectNode patch, String section) {
        ObjectNode result = current == null ? empty() : current.deepCopy();
        if (patch != null) {
            mergeInto(result, withoutVersionFields(patch), section, 1);
        }
        return result;
    }

    /** A copy without the server-owned {@code $version} and {@code $metadata} fields at the top. */
    public static ObjectNode withoutVersionFields(ObjectNode section) {
        ObjectNode copy = section.deepCopy();
        copy.remove("$version");
        copy.remove("$metadata");
        return copy;
    }

    /** @throws TwinTooLargeException naming the section, its size and the limit */
    public static void requireSize(String section, ObjectNode value, int limitBytes) {
        int size = Json.write(value).getBytes(StandardCharsets.UTF_8).length;
        if (size > limitBytes) {
            throw new TwinTooLargeException("the twin's " + section + " would be " + size + " bytes, over the limit of "
                    + limitBytes + " bytes (serialized JSON without $version and $metadata)");
        }
    }

    private static void mergeInto(ObjectNode target, ObjectNode patch, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the twin property '" + path + "' is nested deeper than " + MAX_DEPTH + " levels");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String where = path + "." + key;
            requireValidKey(key, where);
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject()) {
                JsonNode existing = target.get(key);
                ObjectNode merged = existing != null && existing.isObject() ? (ObjectNode) existing : empty();
                mergeInto(merged, (ObjectNode) value, where, depth + 1);
                target.set(key, merged);
            } else {
                requireNoDeepObjects(value, where, depth);
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void requireNoDeepObjects(JsonNode value, String where, int depth) {
        if (value.isContainerNode()) {
            if (depth + 1 > MAX_DEPTH) {
                throw new IllegalArgumentException("the twin property '" + where + "' is nested deeper than " + MAX_DEPTH + " levels");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                requireValidKey(field.getKey(), where + "." + field.getKey());
                requireNoDeepObjects(field.getValue(), where + "." + field.getKey(), depth + 1);
            }
            for (JsonNode element : value.isArray() ? value : empty()) {
                requireNoDeepObjects(element, where + "[]", depth + 1);
            }
        }
    }

    /** IoT Hub: keys are non-empty, at most 1 KB, without control characters, '.', '$' or spaces. */
    private static void requireValidKey(String key, String where) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the twin property '" + where + "' has an empty name");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > 1024) {
            throw new IllegalArgumentException("the twin property name '" + where.substring(0, 64) + "…' is longer than 1 KB");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '.' || c == '$' || c == ' ' || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the twin property name '" + where + "' contains '"
                        + (Character.isISOControl(c) ? "\\u" + String.format("%04x", (int) c) : String.valueOf(c))
                        + "'; names may not contain '.', '$', spaces or control characters");
            }
        }
    }
}
