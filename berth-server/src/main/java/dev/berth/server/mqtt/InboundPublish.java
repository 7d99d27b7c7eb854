package dev.berth.server.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;

/** A PUBLISH from the device, with its payload copied out of the network buffer. */
public record InboundPublish(String topic, MqttQoS qos, int messageId, boolean retain, byte[] payload) {
}
