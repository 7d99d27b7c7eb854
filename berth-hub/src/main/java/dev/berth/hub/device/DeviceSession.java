package dev.berth.hub.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.protocol.hub.HubTopic;
import dev.berth.protocol.hub.HubTopics;
import dev.berth.protocol.hub.PropertyBag;
import dev.berth.server.Json;
import dev.berth.server.mqtt.InboundPublish;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.mqtt.SubscribeRequest;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated device connection. Publishes are handled one at a time in arrival order, so PUBACKs
 * keep the MQTT order; each is acknowledged only once its effect is durable (telemetry stored, twin
 * patched), and twin answers follow their PUBACK. A device's publishes go to the store, never to another
 * subscription. Everything runs on the connection's event loop; other threads use {@link #run}.
 */
final class DeviceSession {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);

    private final HubSessionContext context;
    private final MqttConnection connection;
    private final String deviceId;
    private final String sessionId;
    private final Context eventLoop;
    private final Subscriptions subscriptions;
    private final TwinRequests twins;
    private final CloudToDeviceDelivery cloudToDevice;
    private final long twinAnswerDelayMillis;
    private volatile boolean methodsSubscribed;
    private Future<Void> queue = Future.succeededFuture();
    private Future<Void> subscriptionWrites = Future.succeededFuture();

    DeviceSession(HubSessionContext context, MqttConnection connection, String deviceId, String sessionId, Context eventLoop,
            java.time.Duration twinAnswerDelay) {
        this.sessionId = sessionId;
        this.twinAnswerDelayMillis = twinAnswerDelay.toMillis();
        this.context = context;
        this.connection = connection;
        this.deviceId = deviceId;
        this.eventLoop = eventLoop;
        this.subscriptions = new Subscriptions(deviceId);
        this.twins = new TwinRequests(context.store());
        this.cloudToDevice = new CloudToDeviceDelivery(this, context);
    }

    /** Takes over the connection with the subscriptions restored from an earlier clean-session=0 connection. */
    void start(Map<String, MqttQoS> restored, boolean sessionPresent) {
        subscriptions.restore(restored);
        methodsSubscribed = subscriptions.receivesMethods();
        connection.subscribeHandler(this::onSubscribe);
        connection.publishHandler(this::onPublish);
        connection.closeHandler(v -> onClosed());
        connection.accept(sessionPresent);
        if (methodsSubscribed) {
            context.devices().methodsSubscribed(this);
            context.cluster().methodsSubscribed(deviceId);
        }
        cloudToDevice.pump();
    }

    private void onSubscribe(SubscribeRequest request) {
        List<MqttQoS> granted = new ArrayList<>();
        for (SubscribeRequest.Subscription subscription : request.subscriptions()) {
            if (subscriptions.isAllowed(subscription.topicFilter())) {
                granted.add(subscriptions.grant(subscription.topicFilter(), subscription.qos()));
            } else {
                LOG.warn("Refused subscription '{}' of device '{}': the hub serves only devices/{}/messages/devicebound/#,"
                        + " $iothub/twin/res/#, $iothub/twin/PATCH/properties/desired/#, $iothub/twin/# and $iothub/methods/POST/#",
                        subscription.topicFilter(), deviceId, deviceId);
                granted.add(MqttQoS.FAILURE);
            }
        }
        if (connection.cleanSession()) {
            connection.subscribeAcknowledge(request.messageId(), granted);
        } else {
            // SUBACK once the subscriptions are stored, so a quick reconnect (to any node) finds them
            Map<String, MqttQoS> snapshot = subscriptions.snapshot();
            subscriptionWrites = subscriptionWrites.transform(ignored -> context.vertx().executeBlocking(() -> {
                context.storedSubscriptions().save(deviceId, snapshot);
                return null;
            }, false)).transform(saved -> {
                if (saved.failed()) {
                    LOG.warn("Could not store the subscriptions of device '{}' (clean session 0); they last as long as this"
                            + " connection: {}", deviceId, saved.cause().toString());
                }
                if (connection.isOpen()) {
                    connection.subscribeAcknowledge(request.messageId(), granted);
                }
                return Future.<Void>succeededFuture();
            });
        }
        if (!methodsSubscribed && subscriptions.receivesMethods()) {
            methodsSubscribed = true;
            context.devices().methodsSubscribed(this);
            context.cluster().methodsSubscribed(deviceId);
        }
        cloudToDevice.pump();
    }

    private void onPublish(InboundPublish publish) {
        if (publish.qos() == MqttQoS.EXACTLY_ONCE) {
            close("qos2_publish", "published '" + publish.topic() + "' at QoS 2, which IoT Hub does not support");
            return;
        }
        if (publish.payload().length > HubSessionContext.MAX_TELEMETRY_BYTES) {
            close("message_too_large", "published " + publish.payload().length + " bytes to '" + publish.topic()
                    + "'; the limit is " + HubSessionContext.MAX_TELEMETRY_BYTES + " bytes (256 KB)");
            return;
        }
        HubTopic topic = HubTopic.parse(publish.topic(), deviceId);
        if (topic instanceof HubTopic.Unknown unknown) {
            boolean badBag = publish.topic().startsWith("devices/" + deviceId + "/");
            // MQTT cannot answer a publish with an error, so the connection is closed with the reason
            close(badBag ? "malformed_property_bag" : "unknown_topic", unknown.reason());
            return;
        }
        if (topic instanceof HubTopic.Telemetry telemetry && telemetry.moduleId() != null) {
            close("unknown_topic", "published module telemetry for module '" + telemetry.moduleId()
                    + "' on a device connection; modules are not served");
            return;
        }
        queue = queue.transform(ignored -> handle(topic, publish)).transform(ignored -> Future.succeededFuture());
    }

    private Future<Void> handle(HubTopic topic, InboundPublish publish) {
        if (!connection.isOpen()) {
            return Future.succeededFuture();
        }
        if (topic instanceof HubTopic.Telemetry telemetry) {
            return storeTelemetry(telemetry.properties(), publish, Map.of());
        }
        if (topic instanceof HubTopic.TwinGet get) {
            return twin("get", get.rid(), publish, () -> twins.get(deviceId, get.rid()));
        }
        if (topic instanceof HubTopic.TwinPatchReported patch) {
            return twin("patch_reported", patch.rid(), publish, () -> twins.patchReported(deviceId, patch.rid(), publish.payload()));
        }
        if (topic instanceof HubTopic.MethodResponse response
                && !context.methods().answer(deviceId, response.rid(), response.status(), publish.payload())) {
            LOG.warn("Ignored a method answer of device '{}' with $rid={}: no call waits for it (unknown or timed out)",
                    deviceId, response.rid());
        }
        acknowledge(publish);
        return Future.succeededFuture();
    }

    /** Stores a telemetry message, then acknowledges it; {@code extra} application properties are added (Will). */
    Future<Void> storeTelemetry(PropertyBag bag, InboundPublish publish, Map<String, String> extra) {
        Map<String, String> application = withoutNulls(bag.applicationProperties());
        application.putAll(extra);
        if (publish.retain()) {
            application.put("mqtt-retain", "true");
        }
        Map<String, String> system = withoutNulls(bag.systemProperties());
        system.put("iothub-connection-device-id", deviceId);
        TelemetryMessage message = new TelemetryMessage(0, deviceId, null, context.clock().instant(), system, application,
                publish.payload());
        return context.vertx().executeBlocking(() -> context.store().appendTelemetry(message), false)
                .onSuccess(stored -> {
                    context.metrics().telemetryReceived();
                    acknowledge(publish);
                    context.telemetry().stored(stored);
                    context.cluster().telemetryStored(stored);
                })
                .onFailure(e -> {
                    LOG.error("Could not store telemetry of device '{}'", deviceId, e);
                    close("store_failed", "telemetry could not be stored (not acknowledged, the device may resend): " + e);
                })
                .mapEmpty();
    }

    private Future<Void> twin(String operation, String rid, InboundPublish publish,
            java.util.concurrent.Callable<TwinRequests.Answer> request) {
        return context.vertx().executeBlocking(request, false)
                .recover(e -> {
                    LOG.error("Twin {} of device '{}' failed", operation, deviceId, e);
                    return Future.succeededFuture(TwinRequests.error(500, rid, "the twin could not be read or written"));
                })
                .compose(answer -> {
                    acknowledge(publish);
                    context.metrics().twinOperation(operation, answer.status());
                    if (answer.status() >= 400) {
                        LOG.info("Twin {} of device '{}' answered {}: {}", operation, deviceId, answer.status(),
                                new String(answer.body(), StandardCharsets.UTF_8));
                    }
                    if (twinAnswerDelayMillis <= 0) {
                        send(answer.topic(), answer.body(), "twin " + operation + " answer");
                        return Future.succeededFuture();
                    }
                    io.vertx.core.Promise<Void> sent = io.vertx.core.Promise.promise();
                    context.vertx().setTimer(twinAnswerDelayMillis, t -> {
                        send(answer.topic(), answer.body(), "twin " + operation + " answer");
                        sent.complete();
                    });
                    return sent.future();
                });
    }

    /** Publishes to the device if it subscribed to a matching filter, at that subscription's QoS. */
    Future<Void> send(String topic, byte[] body, String what) {
        MqttQoS qos = subscriptions.qosFor(topic);
        if (qos == null) {
            LOG.warn("Device '{}' is not subscribed to a filter matching '{}'; the {} was not sent", deviceId, topic, what);
            return Future.failedFuture(new NotSubscribedException(deviceId, topic));
        }
        return connection.publish(topic, body, qos);
    }

    /** Sends a desired-properties notification (the patch includes {@code $version}). Call on the event loop. */
    void notifyDesired(ObjectNode patch) {
        String topic = HubTopics.desiredUpdate(patch.path("$version").asLong());
        if (subscriptions.qosFor(topic) != null) {
            send(topic, Json.write(patch).getBytes(StandardCharsets.UTF_8), "desired update");
            context.metrics().twinOperation("desired_notification", 200);
        }
    }

    private void acknowledge(InboundPublish publish) {
        if (publish.qos() == MqttQoS.AT_LEAST_ONCE) {
            connection.publishAcknowledge(publish.messageId());
        }
    }

    private void onClosed() {
        context.devices().remove(this);
        context.cluster().deviceDisconnected(deviceId, sessionId);
        InboundPublish will = connection.will();
        if (will != null && !connection.disconnectReceived()) {
            forwardWill(will);
        }
    }

    private void forwardWill(InboundPublish will) {
        if (HubTopic.parse(will.topic(), deviceId) instanceof HubTopic.Telemetry telemetry && telemetry.moduleId() == null) {
            storeTelemetry(telemetry.properties(), new InboundPublish(will.topic(), MqttQoS.AT_MOST_ONCE, 0, will.retain(), will.payload()),
                    Map.of("iothub-MessageType", "Will"));
        } else {
            LOG.warn("Device '{}' dropped its connection; its will topic '{}' is not a telemetry topic, so the will was not forwarded",
                    deviceId, will.topic());
        }
    }

    void close(String reason, String detail) {
        if (connection.isOpen()) {
            context.disconnector().disconnect(connection, reason, "device '" + deviceId + "': " + detail);
        }
    }

    /** Runs the action on this session's event loop (notifications come from service API threads). */
    void run(Runnable action) {
        eventLoop.runOnContext(v -> action.run());
    }

    private static Map<String, String> withoutNulls(Map<String, String> properties) {
        Map<String, String> copy = new LinkedHashMap<>();
        properties.forEach((key, value) -> copy.put(key, value == null ? "" : value));
        return copy;
    }

    String deviceId() {
        return deviceId;
    }

    /** Unique per connection: tells this session from a newer one of the same device (on any node). */
    String sessionId() {
        return sessionId;
    }

    MqttConnection connection() {
        return connection;
    }

    Subscriptions subscriptions() {
        return subscriptions;
    }

    boolean isOpen() {
        return connection.isOpen();
    }

    boolean receivesMethods() {
        return methodsSubscribed && connection.isOpen();
    }

    void pumpCloudToDevice() {
        run(cloudToDevice::pump);
    }
}
