package dev.berth.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Configures a {@link BerthHub}. The hub host names are required; the rest has defaults. */
public final class BerthHubBuilder {
    final List<String> hubHostNames = new ArrayList<>();
    Duration telemetryRetention = Duration.ofDays(7);
    Duration purgeInterval = Duration.ofMinutes(10);
    Duration clusterHeartbeat = Duration.ofSeconds(2);
    Duration clusterPoll = Duration.ofSeconds(1);

    BerthHubBuilder() {
    }

    /**
     * The host names devices are assigned to and dial (each with a dot, no port), e.g. {@code hub.example.com}.
     * They must also be host names of the server (so they are in its TLS certificate) and linked hubs of the
     * provisioning service.
     */
    public BerthHubBuilder hubHostNames(List<String> hubHostNames) {
        this.hubHostNames.clear();
        this.hubHostNames.addAll(hubHostNames);
        return this;
    }

    /** How long telemetry is kept before the periodic purge drops it (default 7 days). */
    public BerthHubBuilder telemetryRetention(Duration retention) {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("telemetry retention must be positive, was " + retention);
        }
        this.telemetryRetention = retention;
        return this;
    }

    /** How often expired cloud-to-device messages and old telemetry are dropped (default 10 minutes). */
    public BerthHubBuilder purgeInterval(Duration interval) {
        if (interval == null || interval.toMillis() < 10) {
            throw new IllegalArgumentException("the purge interval must be at least 10 ms, was " + interval);
        }
        this.purgeInterval = interval;
        return this;
    }

    /**
     * With several hub nodes on one PostgreSQL database: how often each node records that it is alive (default 2 s).
     * A node whose heartbeat is three intervals old counts as gone: its devices are offline for the other nodes.
     */
    public BerthHubBuilder clusterHeartbeat(Duration interval) {
        if (interval == null || interval.toMillis() < 50) {
            throw new IllegalArgumentException("the cluster heartbeat must be at least 50 ms, was " + interval);
        }
        this.clusterHeartbeat = interval;
        return this;
    }

    /**
     * With several hub nodes: how often each node looks at its inbox without being notified (default 1 s), which
     * bounds the delay when a notification was lost.
     */
    public BerthHubBuilder clusterPoll(Duration interval) {
        if (interval == null || interval.toMillis() < 50) {
            throw new IllegalArgumentException("the cluster poll interval must be at least 50 ms, was " + interval);
        }
        this.clusterPoll = interval;
        return this;
    }

    public BerthHub build() {
        if (hubHostNames.isEmpty()) {
            throw new IllegalStateException("the hub needs at least one host name");
        }
        for (String host : hubHostNames) {
            if (host == null || !host.contains(".") || host.contains(":") || host.contains("/")) {
                throw new IllegalArgumentException("a hub host name has a dot and no port or path (e.g. hub.example.com), got '"
                        + host + "'");
            }
        }
        return new BerthHub(this);
    }
}
