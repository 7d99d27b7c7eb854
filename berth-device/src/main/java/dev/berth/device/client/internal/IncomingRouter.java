package dev.berth.device.client.internal;

import dev.berth.device.client.CloudToDeviceMessage;
import dev.berth.device.client.ConnectionStatus;
import dev.berth.device.client.DesiredPropertiesUpdate;
import dev.berth.device.client.DeviceClientException;
import dev.berth.device.client.MethodResult;
import dev.berth.protocol.hub.HubDownlinkTopic;
import dev.berth.protocol.hub.HubTopics;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where messages from the hub go. Twin answers complete their waiting request at once (a callback may be
 * waiting for one); everything that runs application code — desired updates, methods, cloud-to-device
 * messages, status changes — runs on one callback thread in arrival order, and the message is acknowledged
 * only after the application's code returned.
 */
public final class IncomingRouter implements ConnectionSupervisor.Events {

    private static final Logger LOG = LoggerFactory.getLogger(IncomingRouter.class);

    private final String deviceId;
    private final PendingTwinRequests pending;
    private final MethodDispatcher methods;
    private volatile Consumer<DesiredPropertiesUpdate> desiredListener;
    private volatile Consumer<CloudToDeviceMessage> cloudToDeviceListener;
    private volatile Consumer<ConnectionStatus> statusListener;
    private volatile ExecutorService callbacks;

    public IncomingRouter(String deviceId, PendingTwinRequests pending, MethodDispatcher methods) {
        this.deviceId = deviceId;
        this.pending = pending;
        this.methods = methods;
    }

    public synchronized void start() {
        if (callbacks == null || callbacks.isShutdown()) {
            callbacks = Executors.newSingleThreadExecutor(runnable -> {
                Thread t = new Thread(runnable, "berth-device-" + deviceId + "-callbacks");
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Lets queued callbacks (e.g. the final DISCONNECTED status) run, then ends the thread. */
    public synchronized void stop() {
        if (callbacks != null) {
            callbacks.shutdown();
        }
    }

    public void onDesiredPropertiesUpdate(Consumer<DesiredPropertiesUpdate> listener) {
        desiredListener = listener;
    }

    public void onCloudToDeviceMessage(Consumer<CloudToDeviceMessage> listener) {
        cloudToDeviceListener = listener;
    }

    public void onConnectionStatusChange(Consumer<ConnectionStatus> listener) {
        statusListener = listener;
    }

    @Override
    public void status(ConnectionStatus status) {
        Consumer<ConnectionStatus> listener = statusListener;
        if (listener != null) {
            run(() -> listener.accept(status), "the connection status listener");
        }
    }

    @Override
    public void connectionGone(String reason) {
        pending.failAll(new DeviceClientException(DeviceClientException.Reason.CONNECTION_LOST, reason, null));
    }

    @Override
    public void message(HubConnection from, String topic, byte[] payload, Runnable acknowledge) {
        HubDownlinkTopic parsed = HubDownlinkTopic.parse(topic, deviceId);
        // --release 17: no pattern switch; HubDownlinkTopic is sealed, so this chain is complete
        if (parsed instanceof HubDownlinkTopic.TwinResponse answer) {
            if (!pending.complete(answer.rid(), new PendingTwinRequests.TwinReply(answer.status(), answer.version(), payload))) {
                LOG.debug("device {}: twin answer for $rid={} that nobody waits for (timed out?)", deviceId, answer.rid());
            }
            acknowledge.run();
        } else if (parsed instanceof HubDownlinkTopic.DesiredUpdate update) {
            deliver(desiredListener, () -> TwinDocuments.desiredUpdate(payload, update.version()), acknowledge,
                    "the desired-properties listener");
        } else if (parsed instanceof HubDownlinkTopic.CloudToDevice message) {
            deliver(cloudToDeviceListener, () -> new CloudToDeviceMessage(payload,
                    message.properties().applicationProperties(), message.properties().systemProperties()),
                    acknowledge, "the cloud-to-device listener");
        } else if (parsed instanceof HubDownlinkTopic.MethodRequest request) {
            run(() -> answer(from, request, payload, acknowledge), "method '" + request.methodName() + "'");
        } else if (parsed instanceof HubDownlinkTopic.Unknown unknown) {
            LOG.warn("device {}: ignoring a message from the hub on '{}': {}", deviceId, topic, unknown.reason());
            acknowledge.run();
        }
    }

    private void answer(HubConnection from, HubDownlinkTopic.MethodRequest request, byte[] payload, Runnable acknowledge) {
        MethodResult result = methods.dispatch(request.methodName(), new String(payload, StandardCharsets.UTF_8));
        byte[] body = result.jsonPayload() == null ? new byte[0] : result.jsonPayload().getBytes(StandardCharsets.UTF_8);
        // on the connection the request came in on, with the rid exactly as the hub sent it
        from.publish(HubTopics.methodResponse(result.status(), request.rid()), body, true).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("device {}: the answer to method '{}' could not be sent: {}", deviceId,
                        request.methodName(), ConnectFailures.describe(error));
            }
        });
        acknowledge.run();
    }

    private <T> void deliver(Consumer<T> listener, java.util.function.Supplier<T> parse, Runnable acknowledge, String what) {
        if (listener == null) {
            // not acknowledged: with a persistent session the hub delivers it again on the next connection
            LOG.warn("device {}: a message for {} arrived but none is set; it stays with the hub", deviceId, what);
            return;
        }
        run(() -> {
            T value;
            try {
                value = parse.get();
            } catch (IllegalArgumentException e) {
                LOG.warn("device {}: dropping a malformed message for {}: {}", deviceId, what, e.getMessage());
                acknowledge.run();
                return;
            }
            try {
                listener.accept(value);
            } finally {
                // acknowledged even when the listener threw: MQTT cannot reject a message, and a redelivery would fail again
                acknowledge.run();
            }
        }, what);
    }

    private void run(Runnable task, String what) {
        ExecutorService executor = callbacks;
        if (executor == null) {
            LOG.debug("device {}: the client is not open; {} not called", deviceId, what);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("device {}: {} failed", deviceId, what, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("device {}: the client is closed; {} not called", deviceId, what);
        }
    }
}
