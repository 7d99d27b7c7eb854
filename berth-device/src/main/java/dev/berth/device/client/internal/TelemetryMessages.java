package dev.berth.device.client.internal;

import dev.berth.protocol.hub.HubTopics;
import dev.berth.protocol.hub.PropertyBag;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The topic of one telemetry message: {@code devices/{id}/messages/events/} and a property bag with
 * {@code $.ct}, {@code $.ce=utf-8} (text bodies), {@code $.mid}, then the application properties — the
 * order nanoFramework and the Azure SDKs use, so routing on the body works the same.
 */
public final class TelemetryMessages {

    /** The hub refuses larger device-to-cloud messages (protocol.md §8.2). */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private TelemetryMessages() {
    }

    /**
     * @param contentType    e.g. {@code application/json}, or null
     * @param text           true when the body is UTF-8 text, which adds {@code $.ce=utf-8}
     * @param properties     application properties (null values are sent as a bare name)
     * @throws IllegalArgumentException for a property name that is empty or starts with {@code $.} (system
     *                                  properties are the SDK's), or a body over 256 KB
     */
    public static String topic(String deviceId, int bodyBytes, String messageId, String contentType, boolean text,
                               Map<String, String> properties) {
        if (bodyBytes > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the message body is " + bodyBytes + " bytes; the hub accepts at most "
                    + MAX_BODY_BYTES + " bytes (256 KB)");
        }
        Map<String, String> system = new LinkedHashMap<>();
        if (contentType != null) {
            system.put("$.ct", contentType);
        }
        if (text) {
            system.put("$.ce", "utf-8");
        }
        system.put("$.mid", messageId);
        Map<String, String> application = new LinkedHashMap<>();
        if (properties != null) {
            properties.forEach((name, value) -> {
                if (name == null || name.isEmpty()) {
                    throw new IllegalArgumentException("a message property has an empty name");
                }
                if (name.startsWith("$.")) {
                    throw new IllegalArgumentException("the message property '" + name
                            + "' starts with '$.', which is reserved for system properties the SDK sets");
                }
                application.put(name, value);
            });
        }
        return HubTopics.telemetry(deviceId, new PropertyBag(system, application));
    }
}
