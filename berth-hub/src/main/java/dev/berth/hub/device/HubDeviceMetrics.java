package dev.berth.hub.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The hub device endpoint's counters; every name starts with {@code berth.hub.}. */
final class HubDeviceMetrics {
    private final MeterRegistry registry;
    private final Counter telemetry;
    private final Counter c2dSent;
    private final Counter c2dCompleted;

    HubDeviceMetrics(MeterRegistry registry, Supplier<Number> connectedDevices) {
        this.registry = registry;
        this.telemetry = Counter.builder("berth.hub.telemetry.received").description("device-to-cloud messages stored")
                .register(registry);
        this.c2dSent = Counter.builder("berth.hub.c2d.sent").description("cloud-to-device deliveries published to devices")
                .register(registry);
        this.c2dCompleted = Counter.builder("berth.hub.c2d.completed").description("cloud-to-device messages acknowledged by PUBACK")
                .register(registry);
        Gauge.builder("berth.hub.connections", connectedDevices).description("devices connected to this node").register(registry);
    }

    void refused(String reason) {
        Counter.builder("berth.hub.refusals").description("hub CONNECTs refused, by reason").tag("reason", reason)
                .register(registry).increment();
    }

    void telemetryReceived() {
        telemetry.increment();
    }

    /** @param operation get, patch_reported or desired_notification; @param status the answer status */
    void twinOperation(String operation, int status) {
        Counter.builder("berth.hub.twin.operations").description("twin operations over MQTT, by operation and status")
                .tag("operation", operation).tag("status", Integer.toString(status)).register(registry).increment();
    }

    /** @param outcome answered, not_online, timeout, rejected */
    void methodCall(String outcome) {
        Counter.builder("berth.hub.methods").description("direct method calls, by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void cloudToDeviceSent() {
        c2dSent.increment();
    }

    void cloudToDeviceCompleted() {
        c2dCompleted.increment();
    }

    void cloudToDeviceDropped(String reason) {
        Counter.builder("berth.hub.c2d.dropped").description("cloud-to-device messages given up on, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
