package dev.berth.hub.device;

import dev.berth.hub.store.HubStore;
import dev.berth.server.mqtt.MqttDisconnector;
import io.vertx.core.Vertx;
import java.time.Clock;

/** What every device session shares. */
record HubSessionContext(
        Vertx vertx,
        HubStore store,
        Clock clock,
        HubDeviceMetrics metrics,
        MqttDisconnector disconnector,
        ConnectedDevices devices,
        StoredSubscriptions storedSubscriptions,
        MethodCalls methods,
        TelemetryFeed telemetry,
        ClusterLink cluster) {

    /** Device-to-cloud payload limit (IoT Hub: 256 KB per MQTT message). */
    static final int MAX_TELEMETRY_BYTES = 256 * 1024;
}
