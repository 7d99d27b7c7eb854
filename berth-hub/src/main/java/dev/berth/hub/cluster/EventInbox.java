package dev.berth.hub.cluster;

import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.HubEvent;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's inbox: takes its events from the store whenever woken (a notification, the periodic poll, a
 * reconnected listener) and hands them on in sequence order. One pass at a time; a wake-up during a pass makes it
 * look again when done.
 */
final class EventInbox {
    private static final Logger LOG = LoggerFactory.getLogger(EventInbox.class);
    private static final int BATCH = 100;

    private final Vertx vertx;
    private final ClusterStore store;
    private final String nodeId;
    private final Consumer<HubEvent> handler;
    private final ClusterMetrics metrics;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wanted = new AtomicBoolean();
    private volatile boolean open = true;

    EventInbox(Vertx vertx, ClusterStore store, String nodeId, Consumer<HubEvent> handler, ClusterMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.nodeId = nodeId;
        this.handler = handler;
        this.metrics = metrics;
    }

    /** Safe from any thread. */
    void wake() {
        wanted.set(true);
        if (open && draining.compareAndSet(false, true)) {
            drain();
        }
    }

    void close() {
        open = false;
    }

    private void drain() {
        wanted.set(false);
        vertx.executeBlocking(() -> store.takeEvents(nodeId, BATCH), false).onComplete(taken -> {
            boolean full = false;
            if (taken.failed()) {
                metrics.failed("inbox");
                LOG.warn("Hub node {} could not read its inbox; trying again on the next poll: {}", nodeId, taken.cause().toString());
            } else {
                List<HubEvent> events = taken.result();
                full = events.size() == BATCH;
                for (HubEvent event : events) {
                    metrics.received(event.kind());
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        LOG.warn("Hub node {} could not handle a {} event for device '{}'; dropped", nodeId, event.kind(), event.deviceId(), e);
                    }
                }
            }
            draining.set(false);
            if (open && (full || wanted.get())) {
                wake();
            }
        });
    }
}
