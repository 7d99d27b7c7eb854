package dev.berth.protocol.hub;

import java.util.Map;

/**
 * A topic a device publishes to on an IoT Hub session, parsed in this one place (protocol.md §7).
 * Handlers switch over the result; nothing else splits hub topics.
 */
public sealed interface HubTopic {

    /** {@code devices/{id}/messages/events/[{bag}]} (or {@code devices/{id}/modules/{m}/messages/events/…}). */
    record Telemetry(String deviceId, String moduleId, PropertyBag properties) implements HubTopic {
    }

    /** {@code $iothub/twin/GET/?$rid={rid}} */
    record TwinGet(String rid) implements HubTopic {
    }

    /** {@code $iothub/twin/PATCH/properties/reported/?$rid={rid}[&$version={v}]} */
    record TwinPatchReported(String rid, Long version) implements HubTopic {
    }

    /** {@code $iothub/methods/res/{status}/?$rid={rid}}: the device's answer to a direct method call. */
    record MethodResponse(int status, String rid) implements HubTopic {
    }

    /** A topic the hub does not serve; {@code reason} says why, for the log and the device owner. */
    record Unknown(String topic, String reason) implements HubTopic {
    }

    String TWIN_GET = "$iothub/twin/GET/";
    String TWIN_PATCH_REPORTED = "$iothub/twin/PATCH/properties/reported/";
    String METHOD_RESPONSE = "$iothub/methods/res/";

    static HubTopic parse(String topic, String deviceId) {
        if (topic == null) {
            return new Unknown("", "no topic");
        }
        String events = "devices/" + deviceId + "/messages/events/";
        if (topic.startsWith(events) || topic.equals("devices/" + deviceId + "/messages/events")) {
            return telemetry(topic, deviceId, null, topic.length() > events.length() ? topic.substring(events.length()) : "");
        }
        String modulePrefix = "devices/" + deviceId + "/modules/";
        if (topic.startsWith(modulePrefix)) {
            String rest = topic.substring(modulePrefix.length());
            int slash = rest.indexOf('/');
            if (slash > 0 && rest.startsWith("/messages/events/", slash)) {
                return telemetry(topic, deviceId, rest.substring(0, slash), rest.substring(slash + "/messages/events/".length()));
            }
        }
        if (topic.startsWith("devices/")) {
            return new Unknown(topic, "devices may publish telemetry only to devices/" + deviceId + "/messages/events/ (their own device ID)");
        }
        if (topic.startsWith(TWIN_GET)) {
            String rid = query(topic.substring(TWIN_GET.length())).get("$rid");
            return rid == null ? new Unknown(topic, "the twin GET topic has no $rid") : new TwinGet(rid);
        }
        if (topic.startsWith(TWIN_PATCH_REPORTED)) {
            Map<String, String> query = query(topic.substring(TWIN_PATCH_REPORTED.length()));
            String rid = query.get("$rid");
            if (rid == null) {
                return new Unknown(topic, "the reported-properties topic has no $rid");
            }
            String version = query.get("$version");
            try {
                return new TwinPatchReported(rid, version == null || version.isEmpty() ? null : Long.parseLong(version));
            } catch (NumberFormatException e) {
                return new Unknown(topic, "$version '" + version + "' is not a number");
            }
        }
        if (topic.startsWith(METHOD_RESPONSE)) {
            String rest = topic.substring(METHOD_RESPONSE.length());
            int slash = rest.indexOf('/');
            String rid = slash < 0 ? null : query(rest.substring(slash + 1)).get("$rid");
            if (slash <= 0 || rid == null) {
                return new Unknown(topic, "a method answer must be $iothub/methods/res/{status}/?$rid={rid}");
            }
            try {
                return new MethodResponse(Integer.parseInt(rest.substring(0, slash)), rid);
            } catch (NumberFormatException e) {
                return new Unknown(topic, "the method answer status '" + rest.substring(0, slash) + "' is not a number");
            }
        }
        return new Unknown(topic, "'" + topic + "' is not a topic devices publish to; see the IoT Hub MQTT topics"
                + " (devices/{id}/messages/events/, $iothub/twin/GET/, $iothub/twin/PATCH/properties/reported/, $iothub/methods/res/)");
    }

    private static HubTopic telemetry(String topic, String deviceId, String moduleId, String bag) {
        try {
            return new Telemetry(deviceId, moduleId, PropertyBag.parse(bag));
        } catch (IllegalArgumentException e) {
            return new Unknown(topic, "malformed property bag: " + e.getMessage());
        }
    }

    private static Map<String, String> query(String tail) {
        return TopicQuery.parse(tail);
    }
}
