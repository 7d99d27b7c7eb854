package dev.berth.hub.device;

import dev.berth.hub.store.TelemetryMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Live telemetry stored by this node's sessions, for followers such as the HTTP stream. */
final class TelemetryFeed {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFeed.class);
    private final List<Consumer<TelemetryMessage>> followers = new CopyOnWriteArrayList<>();

    /** @return a handle that stops following */
    Runnable follow(Consumer<TelemetryMessage> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    void stored(TelemetryMessage message) {
        for (Consumer<TelemetryMessage> follower : followers) {
            try {
                follower.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("A telemetry follower failed; it keeps following", e);
            }
        }
    }
}
