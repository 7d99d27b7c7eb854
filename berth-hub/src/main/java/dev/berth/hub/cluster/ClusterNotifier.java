package dev.berth.hub.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.device.HubDeviceSessions;
import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.HubEvent;
import dev.berth.hub.store.Presence;
import dev.berth.server.Json;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells devices about service-side changes wherever they are connected: a device connected here is told directly
 * (no store round trip); otherwise the change goes to the inbox of the live node that holds the device. A device
 * that no live node holds gets nothing now and reads the state when it connects (twin GET, queued messages).
 */
final class ClusterNotifier implements DeviceNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNotifier.class);

    private final Vertx vertx;
    private final ClusterStore store;
    private final NodeMembership membership;
    private final HubDeviceSessions sessions;
    private final ClusterMetrics metrics;

    ClusterNotifier(Vertx vertx, ClusterStore store, NodeMembership membership, HubDeviceSessions sessions, ClusterMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.membership = membership;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    @Override
    public void desiredPropertiesChanged(String deviceId, ObjectNode patch) {
        if (sessions.isConnected(deviceId)) {
            sessions.desiredPropertiesChanged(deviceId, patch);
        } else {
            forward(deviceId, HubEvent.DESIRED, Json.write(patch).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void cloudToDeviceMessageQueued(String deviceId) {
        if (sessions.isConnected(deviceId)) {
            sessions.cloudToDeviceMessageQueued(deviceId);
        } else {
            forward(deviceId, HubEvent.CLOUD_TO_DEVICE, new byte[0]);
        }
    }

    @Override
    public void deviceRevoked(String deviceId, String reason) {
        boolean here = sessions.isConnected(deviceId);
        sessions.deviceRevoked(deviceId, reason);
        if (!here) {
            forward(deviceId, HubEvent.REVOKED, reason.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void forward(String deviceId, String kind, byte[] body) {
        vertx.executeBlocking(() -> {
            Optional<Presence> presence = store.findPresence(deviceId, membership.aliveSince());
            if (presence.isEmpty() || presence.get().nodeId().equals(membership.nodeId())) {
                return null;
            }
            store.send(HubEvent.to(presence.get().nodeId(), kind, deviceId, body));
            return presence.get().nodeId();
        }, false).onComplete(sent -> {
            if (sent.failed()) {
                metrics.failed("forward");
                LOG.warn("Could not pass a {} change for device '{}' to the node that holds it; the device sees it when it reconnects: {}",
                        kind, deviceId, sent.cause().toString());
            } else if (sent.result() == null) {
                metrics.notRouted("not_online_anywhere");
                LOG.debug("Device '{}' is connected to no live hub node; the {} change waits in the store", deviceId, kind);
            } else {
                metrics.sent(kind);
            }
        });
    }
}
