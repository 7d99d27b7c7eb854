package dev.berth.hub.device;

import dev.berth.protocol.hub.HubTopics;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The topic filters one device may hold and the QoS granted for each. The hub is not a broker: only its
 * own topics can be subscribed, and only the hub publishes to them (a device's publishes are never
 * delivered to any subscription). Used on the session's event loop only.
 */
final class Subscriptions {
    private final String deviceId;
    private final Set<String> allowed;
    private final Map<String, MqttQoS> granted = new LinkedHashMap<>();

    Subscriptions(String deviceId) {
        this.deviceId = deviceId;
        this.allowed = Set.of(HubTopics.cloudToDeviceFilter(deviceId), HubTopics.TWIN_RESPONSES, HubTopics.DESIRED_UPDATES,
                HubTopics.ALL_TWIN, HubTopics.METHODS);
    }

    boolean isAllowed(String filter) {
        return allowed.contains(filter);
    }

    /** Grants the filter at the requested QoS, at most 1 (QoS 2 is not served). */
    MqttQoS grant(String filter, MqttQoS requested) {
        MqttQoS qos = requested == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
        granted.put(filter, qos);
        return qos;
    }

    void restore(Map<String, MqttQoS> stored) {
        stored.forEach((filter, qos) -> {
            if (isAllowed(filter)) {
                granted.put(filter, qos);
            }
        });
    }

    Map<String, MqttQoS> snapshot() {
        return Map.copyOf(granted);
    }

    /** The QoS to publish {@code topic} at: the highest of the matching subscriptions, or null when none matches. */
    MqttQoS qosFor(String topic) {
        MqttQoS best = null;
        for (Map.Entry<String, MqttQoS> entry : granted.entrySet()) {
            if (matches(entry.getKey(), topic) && (best == null || entry.getValue().value() > best.value())) {
                best = entry.getValue();
            }
        }
        return best;
    }

    boolean receivesCloudToDevice() {
        return granted.containsKey(HubTopics.cloudToDeviceFilter(deviceId));
    }

    boolean receivesMethods() {
        return granted.containsKey(HubTopics.METHODS);
    }

    /** Every allowed filter is a literal prefix followed by {@code /#}. */
    static boolean matches(String filter, String topic) {
        String prefix = filter.substring(0, filter.length() - 2);
        return topic.equals(prefix) || topic.startsWith(prefix + "/");
    }
}
