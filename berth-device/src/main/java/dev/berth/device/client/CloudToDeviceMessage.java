package dev.berth.device.client;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cloud-to-device message. The hub considers it delivered once the consumer given to
 * {@link DeviceClient#onCloudToDeviceMessage} returns (MQTT cannot reject or abandon one).
 *
 * @param properties       application properties set by the sender
 * @param systemProperties properties the hub or sender set by their {@code $.} names ({@code $.mid}, {@code $.cid},
 *                         {@code $.to}, {@code $.ct}, …)
 */
public record CloudToDeviceMessage(byte[] body, Map<String, String> properties, Map<String, String> systemProperties) {

    public CloudToDeviceMessage {
        body = body.clone();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        systemProperties = Collections.unmodifiableMap(new LinkedHashMap<>(systemProperties));
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public String messageId() {
        return systemProperties.get("$.mid");
    }

    public String correlationId() {
        return systemProperties.get("$.cid");
    }

    public String contentType() {
        return systemProperties.get("$.ct");
    }

    public String contentEncoding() {
        return systemProperties.get("$.ce");
    }

    @Override
    public String toString() {
        return "CloudToDeviceMessage[" + body.length + " bytes, properties=" + properties
                + ", systemProperties=" + systemProperties + "]";
    }
}
