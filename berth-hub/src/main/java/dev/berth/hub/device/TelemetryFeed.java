package dev.berth.hub.device;

import dev.berth.hub.store.TelemetryMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live telemetry for followers such as the HTTP stream: what this node's sessions store, and what other nodes
 * relay to it while it has followers (it tells them through {@code followersChanged}).
 */
final class TelemetryFeed {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryFeed.class);
    private final List<Consumer<TelemetryMessage>> followers = new CopyOnWriteArrayList<>();
    private final IntConsumer followersChanged;

    TelemetryFeed(IntConsumer followersChanged) {
        this.followersChanged = followersChanged;
    }

    /** @return a handle that stops following (running it again does nothing) */
    Runnable follow(Consumer<TelemetryMessage> follower) {
        followers.add(follower);
        followersChanged.accept(followers.size());
        return () -> {
            if (followers.remove(follower)) {
                followersChanged.accept(followers.size());
            }
        };
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
