package dev.berth.hub.device;

import dev.berth.hub.store.HubStore;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The subscriptions of clean-session=0 devices, kept in the store across their reconnects, restarts and moves to
 * another node (the device then gets session-present 1 and its subscriptions back). Blocking; call on a worker.
 */
final class StoredSubscriptions {
    private final HubStore store;

    StoredSubscriptions(HubStore store) {
        this.store = store;
    }

    void save(String deviceId, Map<String, MqttQoS> subscriptions) {
        Map<String, Integer> filters = new LinkedHashMap<>();
        subscriptions.forEach((filter, qos) -> filters.put(filter, qos.value()));
        store.saveSubscriptions(deviceId, filters);
    }

    /** The stored subscriptions, or an empty map when none are kept. */
    Map<String, MqttQoS> find(String deviceId) {
        Map<String, MqttQoS> subscriptions = new LinkedHashMap<>();
        store.findSubscriptions(deviceId).forEach((filter, qos) -> subscriptions.put(filter, MqttQoS.valueOf(qos)));
        return subscriptions;
    }

    /** A clean-session=1 CONNECT discards the device's session state. */
    void forget(String deviceId) {
        store.forgetSubscriptions(deviceId);
    }
}
