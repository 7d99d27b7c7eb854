package dev.berth.hub.device;

import dev.berth.hub.store.CloudToDeviceMessage;
import dev.berth.protocol.hub.HubTopics;
import dev.berth.protocol.hub.PropertyBag;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one device's queued cloud-to-device messages, oldest first and one at a time, while the device
 * is subscribed to {@code devices/{id}/messages/devicebound/#}. A message is completed (removed from the
 * store) on its PUBACK; one that was not acknowledged stays queued and is sent again on the next connection.
 * Runs on the session's event loop.
 */
final class CloudToDeviceDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(CloudToDeviceDelivery.class);
    static final int MAX_DELIVERY_COUNT = 100;
    private static final int BATCH = 20;

    private final DeviceSession session;
    private final HubSessionContext context;
    private boolean pumping;
    private boolean again;

    CloudToDeviceDelivery(DeviceSession session, HubSessionContext context) {
        this.session = session;
        this.context = context;
    }

    /** Sends whatever is queued; calls while a pass runs make it look again when done. */
    void pump() {
        if (!session.isOpen() || !session.subscriptions().receivesCloudToDevice()) {
            return;
        }
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        again = false;
        String deviceId = session.deviceId();
        context.vertx().executeBlocking(() -> context.store().pendingMessages(deviceId, context.clock().instant(), BATCH), false)
                .compose(this::deliverInOrder)
                .onComplete(done -> {
                    pumping = false;
                    if (done.failed()) {
                        LOG.info("Cloud-to-device delivery to '{}' stopped: {}", deviceId, done.cause().getMessage());
                    } else if (again || done.result() == BATCH) {
                        pump();
                    }
                });
    }

    private Future<Integer> deliverInOrder(List<CloudToDeviceMessage> messages) {
        Future<Void> chain = Future.succeededFuture();
        for (CloudToDeviceMessage message : messages) {
            chain = chain.compose(ignored -> deliver(message));
        }
        return chain.map(ignored -> messages.size());
    }

    private Future<Void> deliver(CloudToDeviceMessage message) {
        String deviceId = session.deviceId();
        if (message.deliveryCount() >= MAX_DELIVERY_COUNT) {
            LOG.warn("Dropping cloud-to-device message '{}' of device '{}': delivered {} times without a PUBACK", message.messageId(),
                    deviceId, message.deliveryCount());
            context.metrics().cloudToDeviceDropped("delivery_count_exceeded");
            return complete(message, false);
        }
        MqttQoS qos = session.subscriptions().qosFor(HubTopics.cloudToDevice(deviceId, PropertyBag.EMPTY));
        if (qos == null || !session.isOpen()) {
            return Future.failedFuture("the device is no longer subscribed");
        }
        return context.vertx().executeBlocking(() -> {
            context.store().markDelivered(deviceId, message.messageId());
            return null;
        }, false).compose(ignored -> {
            context.metrics().cloudToDeviceSent();
            // at QoS 0 (the device subscribed so) there is no PUBACK: the message counts as completed once sent
            return session.connection().publish(topic(message), message.payload(), qos);
        }).compose(acknowledged -> complete(message, true));
    }

    private Future<Void> complete(CloudToDeviceMessage message, boolean acknowledged) {
        return context.vertx().executeBlocking(() -> context.store().complete(message.deviceId(), message.messageId()), false)
                .map(removed -> {
                    if (acknowledged) {
                        context.metrics().cloudToDeviceCompleted();
                    }
                    return null;
                });
    }

    /** The delivery topic: {@code $.mid}, {@code $.to}, {@code $.cid} (when set), then the application properties. */
    static String topic(CloudToDeviceMessage message) {
        Map<String, String> system = new LinkedHashMap<>();
        system.put("$.mid", message.messageId());
        system.put("$.to", "/devices/" + message.deviceId() + "/messages/devicebound");
        if (message.correlationId() != null) {
            system.put("$.cid", message.correlationId());
        }
        return HubTopics.cloudToDevice(message.deviceId(), new PropertyBag(system,
                message.properties() == null ? Map.of() : message.properties()));
    }
}
