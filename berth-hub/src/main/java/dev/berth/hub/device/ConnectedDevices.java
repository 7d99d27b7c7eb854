package dev.berth.hub.device;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device sessions open on this node, one per device ID (IDs are case-sensitive), and the direct-method
 * callers waiting for a device to come online and subscribe to methods.
 */
final class ConnectedDevices {
    private final Map<String, DeviceSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<Promise<DeviceSession>>> methodWaiters = new HashMap<>();

    /** @return the session this one replaced, or null */
    DeviceSession register(DeviceSession session) {
        return sessions.put(session.deviceId(), session);
    }

    void remove(DeviceSession session) {
        sessions.remove(session.deviceId(), session);
    }

    DeviceSession find(String deviceId) {
        return sessions.get(deviceId);
    }

    int size() {
        return sessions.size();
    }

    /** Completes with the device's session once it is connected and subscribed to methods, or fails after the wait. */
    Future<DeviceSession> awaitMethodSubscriber(Vertx vertx, String deviceId, long waitMillis) {
        DeviceSession now = sessions.get(deviceId);
        if (now != null && now.receivesMethods()) {
            return Future.succeededFuture(now);
        }
        if (waitMillis <= 0) {
            return Future.failedFuture("not online");
        }
        Promise<DeviceSession> promise = Promise.promise();
        synchronized (methodWaiters) {
            methodWaiters.computeIfAbsent(deviceId, id -> new ArrayList<>()).add(promise);
        }
        vertx.setTimer(waitMillis, t -> {
            synchronized (methodWaiters) {
                List<Promise<DeviceSession>> waiting = methodWaiters.get(deviceId);
                if (waiting != null && waiting.remove(promise) && waiting.isEmpty()) {
                    methodWaiters.remove(deviceId);
                }
            }
            promise.tryFail("not online");
        });
        return promise.future();
    }

    /** Called when a session subscribes to (or restores) the methods filter. */
    void methodsSubscribed(DeviceSession session) {
        List<Promise<DeviceSession>> waiting;
        synchronized (methodWaiters) {
            waiting = methodWaiters.remove(session.deviceId());
        }
        if (waiting != null) {
            waiting.forEach(p -> p.tryComplete(session));
        }
    }
}
