package dev.berth.protocol.hub;

import java.util.Map;

/**
 * A topic the hub publishes to a device, parsed in this one place (protocol.md §7.4–7.6); the counterpart of
 * {@link HubTopic}, which parses what devices publish. The {@code $rid} is kept exactly as received: a method
 * answer must echo it byte for byte.
 */
public sealed interface HubDownlinkTopic {

    /** {@code $iothub/twin/res/{status}/?$rid={rid}[&$version={v}]} */
    record TwinResponse(int status, String rid, Long version) implements HubDownlinkTopic {
    }

    /** {@code $iothub/twin/PATCH/properties/desired/?$version={v}} ({@code version} null when absent) */
    record DesiredUpdate(Long version) implements HubDownlinkTopic {
    }

    /** {@code $iothub/methods/POST/{name}/?$rid={rid}} */
    record MethodRequest(String methodName, String rid) implements HubDownlinkTopic {
    }

    /** {@code devices/{id}/messages/devicebound/[{bag}]} */
    record CloudToDevice(PropertyBag properties) implements HubDownlinkTopic {
    }

    /** Anything else, with the reason for the log. */
    record Unknown(String topic, String reason) implements HubDownlinkTopic {
    }

    String TWIN_RESPONSE = "$iothub/twin/res/";
    String DESIRED_UPDATE = "$iothub/twin/PATCH/properties/desired/";
    String METHOD_REQUEST = "$iothub/methods/POST/";

    static HubDownlinkTopic parse(String topic, String deviceId) {
        if (topic.startsWith(TWIN_RESPONSE)) {
            return twinResponse(topic);
        }
        if (topic.startsWith(DESIRED_UPDATE)) {
            String version = TopicQuery.parse(topic.substring(DESIRED_UPDATE.length())).get("$version");
            Long parsed = TopicQuery.number(version);
            return version != null && parsed == null ? new Unknown(topic, "$version '" + version + "' is not a number")
                    : new DesiredUpdate(parsed);
        }
        if (topic.startsWith(METHOD_REQUEST)) {
            String rest = topic.substring(METHOD_REQUEST.length());
            int slash = rest.indexOf('/');
            String rid = slash < 0 ? null : TopicQuery.parse(rest.substring(slash + 1)).get("$rid");
            return slash <= 0 || rid == null || rid.isEmpty()
                    ? new Unknown(topic, "a method request must be $iothub/methods/POST/{name}/?$rid={rid}")
                    : new MethodRequest(rest.substring(0, slash), rid);
        }
        String deviceBound = "devices/" + deviceId + "/messages/devicebound";
        if (topic.equals(deviceBound) || topic.startsWith(deviceBound + "/")) {
            String bag = topic.length() > deviceBound.length() + 1 ? topic.substring(deviceBound.length() + 1) : "";
            try {
                return new CloudToDevice(PropertyBag.parse(bag));
            } catch (IllegalArgumentException e) {
                return new Unknown(topic, "malformed property bag: " + e.getMessage());
            }
        }
        return new Unknown(topic, "not a topic the hub sends to device '" + deviceId + "'");
    }

    private static HubDownlinkTopic twinResponse(String topic) {
        String rest = topic.substring(TWIN_RESPONSE.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return new Unknown(topic, "a twin response must be $iothub/twin/res/{status}/?$rid={rid}");
        }
        Map<String, String> query = TopicQuery.parse(rest.substring(slash + 1));
        String rid = query.get("$rid");
        Long status = TopicQuery.number(rest.substring(0, slash));
        String version = query.get("$version");
        if (rid == null || status == null || (version != null && TopicQuery.number(version) == null)) {
            return new Unknown(topic, "a twin response must be $iothub/twin/res/{status}/?$rid={rid}[&$version={n}]");
        }
        return new TwinResponse(status.intValue(), rid, TopicQuery.number(version));
    }
}
