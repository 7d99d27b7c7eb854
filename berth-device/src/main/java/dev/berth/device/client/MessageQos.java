package dev.berth.device.client;

/** How telemetry is sent: fire and forget, or confirmed by the hub (PUBACK) before {@code sendMessage} returns. */
public enum MessageQos {
    /** MQTT QoS 0: {@code sendMessage} returns once the message is written; a dropped connection loses it. */
    AT_MOST_ONCE,
    /** MQTT QoS 1: {@code sendMessage} returns once the hub has acknowledged the message. */
    AT_LEAST_ONCE
}
