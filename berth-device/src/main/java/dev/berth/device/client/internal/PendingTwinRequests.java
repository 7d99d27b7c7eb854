package dev.berth.device.client.internal;

import dev.berth.device.client.DeviceClientException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Twin requests waiting for their {@code $iothub/twin/res/…} answer, correlated by {@code $rid}: the SDK's
 * own counter, so an answer that arrives after its caller gave up finds nobody and is dropped.
 */
public final class PendingTwinRequests {

    /** An answer from the hub: its status, the {@code $version} of the topic (null if absent) and the body. */
    public record TwinReply(int status, Long version, byte[] body) {
    }

    /** A request that was registered and may now be sent. */
    public record Pending(String rid, CompletableFuture<TwinReply> reply) {
    }

    private final AtomicLong counter = new AtomicLong();
    private final Map<String, CompletableFuture<TwinReply>> waiting = new ConcurrentHashMap<>();

    public Pending register() {
        String rid = Long.toString(counter.incrementAndGet());
        CompletableFuture<TwinReply> reply = new CompletableFuture<>();
        waiting.put(rid, reply);
        return new Pending(rid, reply);
    }

    /** @return false when no request with this rid waits (answered already, timed out, or never sent) */
    public boolean complete(String rid, TwinReply reply) {
        CompletableFuture<TwinReply> future = waiting.remove(rid);
        return future != null && future.complete(reply);
    }

    public void forget(String rid) {
        waiting.remove(rid);
    }

    /** Every waiting request fails at once, e.g. when the connection drops, instead of running into its timeout. */
    public void failAll(DeviceClientException failure) {
        for (String rid : waiting.keySet()) {
            CompletableFuture<TwinReply> future = waiting.remove(rid);
            if (future != null) {
                future.completeExceptionally(failure);
            }
        }
    }

    public int size() {
        return waiting.size();
    }
}
