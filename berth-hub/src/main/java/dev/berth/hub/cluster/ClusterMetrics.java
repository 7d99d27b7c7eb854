package dev.berth.hub.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** Counters of the traffic between hub nodes; every name starts with {@code berth.hub.cluster.}. */
final class ClusterMetrics {
    private final MeterRegistry registry;

    ClusterMetrics(MeterRegistry registry, Supplier<Number> liveNodes) {
        this.registry = registry;
        Gauge.builder("berth.hub.cluster.nodes", liveNodes).description("hub nodes alive on the shared database, this one included")
                .register(registry);
    }

    void sent(String kind) {
        Counter.builder("berth.hub.cluster.events.sent").description("events queued for other hub nodes, by kind").tag("kind", kind)
                .register(registry).increment();
    }

    void received(String kind) {
        Counter.builder("berth.hub.cluster.events.received").description("events taken from this node's inbox, by kind")
                .tag("kind", kind).register(registry).increment();
    }

    /** @param operation what failed: heartbeat, presence, inbox, forward, method_call, telemetry_relay, listen */
    void failed(String operation) {
        Counter.builder("berth.hub.cluster.failures").description("store or connection failures of the node-to-node routing, by operation")
                .tag("operation", operation).register(registry).increment();
    }

    /** @param reason why a message for another node was not routed (e.g. not_online_anywhere, relay_backlog) */
    void notRouted(String reason) {
        Counter.builder("berth.hub.cluster.not_routed").description("messages for devices that no live node holds, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
