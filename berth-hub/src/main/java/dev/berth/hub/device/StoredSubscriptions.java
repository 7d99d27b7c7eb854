package dev.berth.hub.device;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of clean-session=0 devices, kept across their reconnects. Held in this node's memory:
 * the hub store has no subscription table, so a restart (or a reconnect to another node) forgets them and
 * the device gets session-present 0 and subscribes again, as every SDK does. Queued cloud-to-device messages
 * are durable in the store either way.
 */
final class StoredSubscriptions {
    private final Map<String, Map<String, MqttQoS>> byDevice = new ConcurrentHashMap<>();

    void save(String deviceId, Map<String, MqttQoS> subscriptions) {
        byDevice.put(deviceId, Map.copyOf(subscriptions));
    }

    /** The stored subscriptions, or an empty map when none are kept. */
    Map<String, MqttQoS> find(String deviceId) {
        return byDevice.getOrDefault(deviceId, Map.of());
    }

    /** A clean-session=1 CONNECT discards the device's session state. */
    void forget(String deviceId) {
        byDevice.remove(deviceId);
    }
}
