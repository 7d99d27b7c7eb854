package dev.berth.device.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One half of a device twin (desired or reported): the properties and their {@code $version}. Metadata
 * ({@code $version}, {@code $metadata}) is not among the properties.
 *
 * @param json the properties as JSON text
 */
public record TwinProperties(long version, Map<String, Object> properties, String json) {

    public TwinProperties {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A property's value (map, list, string, number, boolean) or null when absent. */
    public Object get(String name) {
        return properties.get(name);
    }
}
