package dev.berth.protocol.hub;

import dev.berth.protocol.sas.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URL-encoded {@code k=v&k2=v2} property bag at the end of telemetry and cloud-to-device topics.
 * Keys starting with {@code $.} are system properties ({@code $.mid}, {@code $.ct}, {@code $.ce}, …); the
 * rest are application properties. A key without {@code =} has a null value, {@code key=} an empty one.
 */
public record PropertyBag(Map<String, String> systemProperties, Map<String, String> applicationProperties) {

    public static final PropertyBag EMPTY = new PropertyBag(Map.of(), Map.of());

    public PropertyBag {
        systemProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
        applicationProperties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(applicationProperties));
    }

    /** @throws IllegalArgumentException when a part has no key, naming it */
    public static PropertyBag parse(String bag) {
        Map<String, String> system = new LinkedHashMap<>();
        Map<String, String> application = new LinkedHashMap<>();
        if (bag == null || bag.isEmpty()) {
            return EMPTY;
        }
        for (String part : bag.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = PercentEncoding.decode(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? null : PercentEncoding.decode(part.substring(eq + 1));
            if (key.isEmpty()) {
                throw new IllegalArgumentException("the property bag part '" + part + "' has no name");
            }
            (key.startsWith("$.") ? system : application).put(key, value);
        }
        return new PropertyBag(system, application);
    }

    /**
     * Encodes system properties first, then application properties, every key percent-encoded, so
     * {@code $.mid} goes out as {@code %24.mid} as IoT Hub writes it: the official Java device SDK looks for the
     * first {@code %24} to find where a cloud-to-device topic's property bag starts.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        append(sb, systemProperties);
        append(sb, applicationProperties);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Map<String, String> properties) {
        properties.forEach((key, value) -> {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(PercentEncoding.encode(key));
            if (value != null) {
                sb.append('=').append(PercentEncoding.encode(value));
            }
        });
    }

    public String messageId() {
        return systemProperties.get("$.mid");
    }

    public String contentType() {
        return systemProperties.get("$.ct");
    }

    public String contentEncoding() {
        return systemProperties.get("$.ce");
    }
}
