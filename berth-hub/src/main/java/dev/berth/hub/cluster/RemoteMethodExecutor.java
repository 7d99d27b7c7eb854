package dev.berth.hub.cluster;

import dev.berth.hub.device.HubDeviceSessions;
import dev.berth.hub.device.MethodOutcome;
import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.HubEvent;
import dev.berth.hub.store.MethodCallRecord;
import io.vertx.core.Vertx;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of a handed-over direct method: claims the calls waiting for a device connected here (woken by
 * a {@code method_call} event, by the device subscribing to methods, or by the poll), calls the device and stores
 * the outcome, which wakes the calling node.
 */
final class RemoteMethodExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMethodExecutor.class);

    private final Vertx vertx;
    private final ClusterStore store;
    private final String nodeId;
    private final Clock clock;
    private final HubDeviceSessions sessions;
    private final ClusterMetrics metrics;

    RemoteMethodExecutor(Vertx vertx, ClusterStore store, String nodeId, Clock clock, HubDeviceSessions sessions, ClusterMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.nodeId = nodeId;
        this.clock = clock;
        this.sessions = sessions;
        this.metrics = metrics;
    }

    void claimFor(String deviceId) {
        if (!sessions.receivesMethods(deviceId)) {
            return;
        }
        vertx.executeBlocking(() -> store.claimMethodCalls(deviceId, nodeId, clock.instant()), false).onComplete(claimed -> {
            if (claimed.failed()) {
                metrics.failed("method_call");
                LOG.warn("Could not claim the method calls waiting for device '{}': {}", deviceId, claimed.cause().toString());
            } else {
                claimed.result().forEach(this::execute);
            }
        });
    }

    /** The poll's fallback for a lost notification: claims calls for devices connected here. */
    void claimWaiting() {
        vertx.executeBlocking(() -> store.devicesWithUnclaimedCalls(clock.instant()), false).onComplete(devices -> {
            if (devices.succeeded()) {
                devices.result().forEach(this::claimFor);
            } else {
                metrics.failed("method_call");
                LOG.debug("Could not look for unclaimed method calls: {}", devices.cause().toString());
            }
        });
    }

    private void execute(MethodCallRecord call) {
        LOG.debug("Calling method '{}' of device '{}' for hub node {} (call {})", call.methodName(), call.deviceId(), call.callerNode(),
                call.callId());
        sessions.callConnected(call.deviceId(), call.methodName(), call.payload(), call.responseTimeoutSeconds()).onComplete(done -> {
            MethodOutcome outcome = done.succeeded() ? done.result()
                    : MethodOutcome.notOnline("calling the device failed: " + done.cause());
            String kind = switch (outcome.kind()) {
                case ANSWERED -> MethodCallRecord.ANSWERED;
                case TIMEOUT -> MethodCallRecord.TIMEOUT;
                case NOT_ONLINE -> MethodCallRecord.NOT_ONLINE;
            };
            vertx.executeBlocking(() -> {
                store.completeMethodCall(call.callId(), kind, outcome.status(), outcome.payload());
                return null;
            }, false).onSuccess(ignored -> metrics.sent(HubEvent.METHOD_DONE)).onFailure(e -> {
                metrics.failed("method_call");
                LOG.warn("Could not store the outcome ({}) of method '{}' of device '{}' for hub node {}; that node answers 504: {}", kind,
                        call.methodName(), call.deviceId(), call.callerNode(), e.toString());
            });
        });
    }
}
