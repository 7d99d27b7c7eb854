package dev.berth.device.client.internal;

import dev.berth.device.client.DeviceClientException;
import dev.berth.device.client.DeviceClientException.Reason;
import dev.berth.device.client.Twin;
import dev.berth.device.client.internal.PendingTwinRequests.TwinReply;
import dev.berth.protocol.hub.HubTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Telemetry and twin requests: each waits for the connection, sends, and waits for its PUBACK or answer. */
public final class Operations {

    private final ClientSettings settings;
    private final ConnectionSupervisor connection;
    private final PendingTwinRequests pending;

    public Operations(ClientSettings settings, ConnectionSupervisor connection, PendingTwinRequests pending) {
        this.settings = settings;
        this.connection = connection;
        this.pending = pending;
    }

    /** @return the message ID ({@code $.mid}) it was sent with */
    public String sendMessage(byte[] body, String contentType, boolean text, Map<String, String> properties) {
        String messageId = UUID.randomUUID().toString();
        String topic = TelemetryMessages.topic(settings.deviceId(), body.length, messageId, contentType, text, properties);
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        HubConnection hub = connection.awaitConnected(settings.operationTimeout());
        boolean confirmed = settings.qos() == dev.berth.device.client.MessageQos.AT_LEAST_ONCE;
        await(hub.publish(topic, body, confirmed), deadline, confirmed ? "the hub's PUBACK of message " + messageId : "sending message " + messageId);
        return messageId;
    }

    public Twin getTwin(Duration timeout) {
        TwinReply reply = request(HubTopics::twinGet, new byte[0], timeout, "the twin");
        if (reply.status() != 200) {
            throw rejected(reply, "getting the twin");
        }
        try {
            return TwinDocuments.twin(reply.body());
        } catch (IllegalArgumentException e) {
            throw new DeviceClientException(Reason.PROTOCOL_ERROR, "the hub's twin cannot be read: " + e.getMessage(), e);
        }
    }

    /** @return the reported properties' new {@code $version} */
    public long updateReported(String patchJson, Duration timeout) {
        TwinReply reply = request(HubTopics::twinPatchReported, patchJson.getBytes(StandardCharsets.UTF_8), timeout,
                "the reported-properties update");
        if (reply.status() < 200 || reply.status() > 299) {
            throw rejected(reply, "updating the reported properties");
        }
        if (reply.version() == null) {
            throw new DeviceClientException(Reason.PROTOCOL_ERROR, "the hub accepted the reported properties (status "
                    + reply.status() + ") but sent no $version", null);
        }
        return reply.version();
    }

    private TwinReply request(java.util.function.UnaryOperator<String> topicForRid, byte[] body, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HubConnection hub = connection.awaitConnected(timeout);
        PendingTwinRequests.Pending request = pending.register();
        try {
            await(hub.publish(topicForRid.apply(request.rid()), body, true), deadline, "sending the request for " + what);
            return await(request.reply(), deadline, "the hub's answer about " + what);
        } finally {
            pending.forget(request.rid());
        }
    }

    private static DeviceClientException rejected(TwinReply reply, String what) {
        return new DeviceClientException(Reason.REJECTED, reply.status(), "the hub refused " + what + " with status "
                + reply.status() + ": " + TwinDocuments.errorMessage(reply.body()), null);
    }

    private static <T> T await(CompletableFuture<T> future, long deadlineNanos, String what) {
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        try {
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new DeviceClientException(Reason.TIMEOUT, "timed out waiting for " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceClientException(Reason.INTERRUPTED, "interrupted while waiting for " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceClientException failure) {
                throw new DeviceClientException(failure.reason(), failure.status(), failure.getMessage() + " (while waiting for "
                        + what + ")", failure);
            }
            throw new DeviceClientException(Reason.CONNECTION_LOST, "failed while waiting for " + what + ": "
                    + ConnectFailures.describe(e.getCause()), e.getCause());
        }
    }
}
