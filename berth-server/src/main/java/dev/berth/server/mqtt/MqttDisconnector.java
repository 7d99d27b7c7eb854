package dev.berth.server.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which the server closes a device connection, always with a logged reason and a
 * {@code berth.mqtt.disconnects} metric tagged with it.
 */
public final class MqttDisconnector {
    private static final Logger LOG = LoggerFactory.getLogger(MqttDisconnector.class);
    private final MeterRegistry meters;

    public MqttDisconnector(MeterRegistry meters) {
        this.meters = meters;
    }

    public void disconnect(MqttConnection connection, String reason, String detail) {
        if (!connection.isOpen()) {
            return; // the device closed it first and a timer outlived it: there is nothing to close, log or count
        }
        LOG.warn("Closing {} connection of client '{}' from {}: {} ({})", connection.transportKind(), connection.clientId(),
                connection.remoteAddress(), detail, reason);
        Counter.builder("berth.mqtt.disconnects").description("device connections closed by the server, by reason")
                .tag("reason", reason).tag("transport", connection.transportKind()).register(meters).increment();
        connection.close();
    }
}
