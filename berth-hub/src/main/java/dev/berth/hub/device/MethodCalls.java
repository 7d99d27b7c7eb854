package dev.berth.hub.device;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Direct method calls waiting for the device's answer. Request IDs are a lower-case hex counter that fits
 * in int32 (nanoFramework parses them with base 16 and answers in upper case), so answers are matched by
 * number, not by text.
 */
final class MethodCalls {
    /** The device's answer: status from the topic, body as sent (JSON or empty). */
    record Answer(int status, byte[] payload) {
    }

    private final AtomicInteger counter = new AtomicInteger();
    private final Map<String, Promise<Answer>> pending = new ConcurrentHashMap<>();

    String nextRid() {
        return Integer.toHexString(counter.updateAndGet(n -> n >= Integer.MAX_VALUE ? 1 : n + 1));
    }

    /** Registers a call; the future fails with {@link java.util.concurrent.TimeoutException} after the timeout. */
    Future<Answer> expect(Vertx vertx, String deviceId, String rid, long timeoutMillis) {
        Promise<Answer> promise = Promise.promise();
        String key = key(deviceId, Long.parseLong(rid, 16));
        pending.put(key, promise);
        long timer = vertx.setTimer(timeoutMillis, t -> {
            if (pending.remove(key, promise)) {
                promise.tryFail(new java.util.concurrent.TimeoutException("no answer within " + timeoutMillis + " ms"));
            }
        });
        return promise.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /** Drops a call whose request could not be sent. */
    void abandon(String deviceId, String rid) {
        pending.remove(key(deviceId, Long.parseLong(rid, 16)));
    }

    /** @return false when no call of this device waits for the rid (unknown, late or not hex) */
    boolean answer(String deviceId, String rid, int status, byte[] payload) {
        long number;
        try {
            number = Long.parseLong(rid, 16);
        } catch (NumberFormatException e) {
            return false;
        }
        Promise<Answer> promise = pending.remove(key(deviceId, number));
        return promise != null && promise.tryComplete(new Answer(status, payload));
    }

    private static String key(String deviceId, long rid) {
        return rid + "/" + deviceId;
    }
}
