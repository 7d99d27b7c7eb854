package dev.berth.server.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.List;

/** A SUBSCRIBE from the device: one entry per topic filter. */
public record SubscribeRequest(int messageId, List<Subscription> subscriptions) {

    public record Subscription(String topicFilter, MqttQoS qos) {
    }
}
