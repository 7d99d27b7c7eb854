package dev.berth.server.extension;

import dev.berth.server.mqtt.MqttDisconnector;
import dev.berth.server.store.BerthStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** What the server shares with its extensions. */
public record ExtensionContext(
        Vertx vertx,
        BerthStore store,
        MeterRegistry meters,
        Clock clock,
        MqttDisconnector disconnector,
        Path dataDirectory,
        List<String> hostNames) {
}
