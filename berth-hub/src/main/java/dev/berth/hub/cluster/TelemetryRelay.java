package dev.berth.hub.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.HubEvent;
import dev.berth.hub.store.TelemetryMessage;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the telemetry this node stores to the nodes that have live followers (HTTP streams), as events in their
 * inboxes. Nothing is written while no other node has followers, so the usual path costs one volatile read. One
 * worker thread keeps the messages in order; past {@value #MAX_BACKLOG} waiting messages new ones are not relayed
 * (they are still stored; a follower can replay them with {@code ?from=}).
 */
final class TelemetryRelay {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRelay.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final int MAX_BACKLOG = 10_000;

    private final ClusterStore store;
    private final NodeMembership membership;
    private final ClusterMetrics metrics;
    private final WorkerExecutor worker;
    private final AtomicInteger backlog = new AtomicInteger();

    TelemetryRelay(Vertx vertx, ClusterStore store, NodeMembership membership, ClusterMetrics metrics) {
        this.store = store;
        this.membership = membership;
        this.metrics = metrics;
        this.worker = vertx.createSharedWorkerExecutor("berth-hub-telemetry-relay-" + membership.nodeId(), 1);
    }

    void stored(TelemetryMessage message) {
        Set<String> targets = membership.followedNodes();
        if (targets.isEmpty()) {
            return;
        }
        if (backlog.incrementAndGet() > MAX_BACKLOG) {
            backlog.decrementAndGet();
            metrics.notRouted("relay_backlog");
            LOG.warn("Telemetry {} of device '{}' not relayed to followers on other nodes: {} messages wait already",
                    message.sequence(), message.deviceId(), MAX_BACKLOG);
            return;
        }
        worker.executeBlocking(() -> {
            byte[] body = encode(message);
            for (String node : targets) {
                store.send(HubEvent.to(node, HubEvent.TELEMETRY, message.deviceId(), body));
                metrics.sent(HubEvent.TELEMETRY);
            }
            return null;
        }, true).onComplete(done -> {
            backlog.decrementAndGet();
            if (done.failed()) {
                metrics.failed("telemetry_relay");
                LOG.warn("Telemetry {} of device '{}' could not be relayed to followers on other nodes: {}", message.sequence(),
                        message.deviceId(), done.cause().toString());
            }
        });
    }

    void close() {
        worker.close();
    }

    static byte[] encode(TelemetryMessage message) throws IOException {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("sequence", message.sequence());
        json.put("deviceId", message.deviceId());
        json.put("moduleId", message.moduleId());
        json.put("receivedAt", message.receivedAt().toString());
        json.set("systemProperties", MAPPER.valueToTree(message.systemProperties()));
        json.set("applicationProperties", MAPPER.valueToTree(message.applicationProperties()));
        json.put("payload", Base64.getEncoder().encodeToString(message.payload()));
        return MAPPER.writeValueAsBytes(json);
    }

    static TelemetryMessage decode(byte[] body) throws IOException {
        JsonNode json = MAPPER.readTree(body);
        return new TelemetryMessage(json.path("sequence").asLong(), json.path("deviceId").asText(),
                json.path("moduleId").isTextual() ? json.get("moduleId").asText() : null, Instant.parse(json.path("receivedAt").asText()),
                strings(json.path("systemProperties")), strings(json.path("applicationProperties")),
                Base64.getDecoder().decode(json.path("payload").asText()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(JsonNode node) {
        return node.isObject() ? MAPPER.convertValue(node, Map.class) : Map.of();
    }
}
