package dev.berth.hub.cluster;

import dev.berth.hub.device.DirectMethodCall;
import dev.berth.hub.device.MethodOutcome;
import dev.berth.hub.store.ClusterStore;
import dev.berth.hub.store.MethodCallRecord;
import dev.berth.hub.store.Presence;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calling side of a direct method for a device this node does not hold: stores the call (and wakes the node
 * that holds the device, if any is alive), then waits for that node's {@code method_done} event. A call no node
 * claims by its deadline is 404; a claimed call whose node reports nothing (it died) is 504 after the response
 * time-out plus a grace.
 */
final class RemoteMethodCaller {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMethodCaller.class);

    private final Vertx vertx;
    private final ClusterStore store;
    private final NodeMembership membership;
    private final Clock clock;
    private final Duration claimGrace;
    private final Map<String, Promise<MethodOutcome>> pending = new ConcurrentHashMap<>();

    RemoteMethodCaller(Vertx vertx, ClusterStore store, NodeMembership membership, Clock clock, Duration claimGrace) {
        this.vertx = vertx;
        this.store = store;
        this.membership = membership;
        this.clock = clock;
        this.claimGrace = claimGrace;
    }

    Future<MethodOutcome> call(String deviceId, DirectMethodCall call) {
        String callId = UUID.randomUUID().toString();
        Promise<MethodOutcome> outcome = Promise.promise();
        pending.put(callId, outcome);
        vertx.executeBlocking(() -> handOver(callId, deviceId, call), false).onComplete(handed -> {
            if (handed.failed()) {
                outcome.tryFail(handed.cause());
            } else if (handed.result() == null) {
                outcome.tryComplete(MethodOutcome.notOnline("device '" + deviceId + "' is not connected to any hub node"));
            } else {
                outcome.future().onComplete(done -> deleteRow(callId)); // only a stored call has a row to delete
                vertx.setTimer(Math.max(1, handed.result().toMillis()), t -> checkClaimed(callId, deviceId, call));
            }
        });
        return outcome.future().onComplete(done -> pending.remove(callId));
    }

    private void deleteRow(String callId) {
        vertx.executeBlocking(() -> {
            store.deleteMethodCall(callId);
            return null;
        }, false).onFailure(e -> LOG.debug("Could not delete method call {} (the purge will): {}", callId, e.toString()));
    }

    /** @return how long to wait for a node to claim the call, or null when no node holds the device and none may come */
    private Duration handOver(String callId, String deviceId, DirectMethodCall call) {
        Optional<Presence> presence = store.findPresence(deviceId, membership.aliveSince());
        Duration connectWait = Duration.ofSeconds(call.connectTimeoutSeconds());
        if (presence.isEmpty() && connectWait.isZero()) {
            return null;
        }
        // the node holding the device claims within milliseconds, or within a poll if the notification was lost
        Duration wait = presence.isPresent() && connectWait.compareTo(claimGrace) < 0 ? claimGrace : connectWait;
        Instant now = clock.instant();
        store.createMethodCall(MethodCallRecord.newCall(callId, deviceId, call.methodName(), call.payload(),
                call.responseTimeoutSeconds(), membership.nodeId(), now, now.plus(wait)), presence.map(Presence::nodeId).orElse(null));
        return wait;
    }

    private void checkClaimed(String callId, String deviceId, DirectMethodCall call) {
        if (isDone(callId)) {
            return;
        }
        vertx.executeBlocking(() -> store.abandonUnclaimedCall(callId), false).onComplete(abandoned -> {
            if (abandoned.failed()) {
                fail(callId, abandoned.cause());
            } else if (abandoned.result()) {
                complete(callId, MethodOutcome.notOnline("device '" + deviceId + "' is not connected to any hub node, or has not"
                        + " subscribed to $iothub/methods/POST/#, within " + call.connectTimeoutSeconds() + " s"));
            } else {
                long lastChance = call.responseTimeoutSeconds() * 1000L + claimGrace.toMillis();
                vertx.setTimer(lastChance, t -> lookUp(callId, deviceId, call));
            }
        });
    }

    /** A {@code method_done} event arrived for the call. */
    void done(String callId) {
        if (!isDone(callId)) {
            vertx.executeBlocking(() -> store.findMethodCall(callId), false)
                    .onSuccess(row -> row.filter(r -> r.outcome() != null).ifPresent(r -> complete(callId, outcomeOf(r))))
                    .onFailure(e -> fail(callId, e));
        }
    }

    private void lookUp(String callId, String deviceId, DirectMethodCall call) {
        if (isDone(callId)) {
            return;
        }
        vertx.executeBlocking(() -> store.findMethodCall(callId), false).onComplete(found -> {
            Optional<MethodCallRecord> row = found.succeeded() ? found.result() : Optional.empty();
            if (row.isPresent() && row.get().outcome() != null) {
                complete(callId, outcomeOf(row.get()));
            } else {
                String node = row.map(MethodCallRecord::claimedBy).orElse("?");
                complete(callId, MethodOutcome.timeout("device '" + deviceId + "' did not answer method '" + call.methodName() + "' within "
                        + call.responseTimeoutSeconds() + " s (hub node " + node + ", which holds it, reported no answer)"));
            }
        });
    }

    private MethodOutcome outcomeOf(MethodCallRecord row) {
        String where = " (device '" + row.deviceId() + "' on hub node " + row.claimedBy() + ")";
        return switch (row.outcome()) {
            case MethodCallRecord.ANSWERED -> MethodOutcome.answered(row.answerStatus() == null ? 200 : row.answerStatus(), row.answerPayload());
            case MethodCallRecord.TIMEOUT -> MethodOutcome.timeout("device '" + row.deviceId() + "' did not answer method '"
                    + row.methodName() + "' within " + row.responseTimeoutSeconds() + " s" + where);
            default -> MethodOutcome.notOnline("device '" + row.deviceId() + "' went offline before it got method '" + row.methodName()
                    + "'" + where);
        };
    }

    private boolean isDone(String callId) {
        Promise<MethodOutcome> promise = pending.get(callId);
        return promise == null || promise.future().isComplete();
    }

    private void complete(String callId, MethodOutcome outcome) {
        Promise<MethodOutcome> promise = pending.get(callId);
        if (promise != null) {
            promise.tryComplete(outcome);
        }
    }

    private void fail(String callId, Throwable cause) {
        Promise<MethodOutcome> promise = pending.get(callId);
        if (promise != null) {
            promise.tryFail(cause);
        }
    }

    /** The node stops: calls still waiting end as not online rather than hanging. */
    void close() {
        pending.values().forEach(p -> p.tryComplete(MethodOutcome.notOnline("this hub node is stopping")));
    }
}
