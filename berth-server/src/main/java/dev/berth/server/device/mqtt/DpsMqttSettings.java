package dev.berth.server.device.mqtt;

import java.time.Duration;

/**
 * Tuning of provisioning sessions over MQTT.
 *
 * @param officialJavaSdkAnswerDelay how long answers to the official Azure Java provisioning SDK are held:
 *        it loses answers that arrive within about a millisecond of its request (sdk-captures.md)
 * @param refusedSessionLinger how long a connection whose credentials were refused stays open to receive
 *        its explanation on the response topic before the server closes it
 */
public record DpsMqttSettings(Duration officialJavaSdkAnswerDelay, Duration refusedSessionLinger) {
    public static final DpsMqttSettings DEFAULT = new DpsMqttSettings(Duration.ofMillis(50), Duration.ofSeconds(30));
}
