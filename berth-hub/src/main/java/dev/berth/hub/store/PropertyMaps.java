package dev.berth.hub.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message properties as stored JSON text. Values may be null (a property bag key without a value), so this uses
 * a plain mapper rather than the server's, which leaves nulls out.
 */
final class PropertyMaps {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> TYPE = new TypeReference<>() {
    };

    private PropertyMaps() {
    }

    static String write(Map<String, String> properties) {
        try {
            return MAPPER.writeValueAsString(properties == null ? Map.of() : properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise message properties", e);
        }
    }

    static Map<String, String> read(String json) throws SQLException {
        try {
            return readOnly(MAPPER.readValue(json, TYPE));
        } catch (JsonProcessingException e) {
            throw new SQLException("stored message properties are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }

    /** Insertion order kept; {@code Map.copyOf} would refuse null values. */
    static Map<String, String> readOnly(Map<String, String> properties) {
        return properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
