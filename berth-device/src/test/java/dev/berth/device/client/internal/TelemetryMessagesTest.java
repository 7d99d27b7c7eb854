package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.hub.HubTopic;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryMessagesTest {

    @Test
    void text_message_topic_carries_content_type_encoding_message_id_then_application_properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("alert level", "high&dry");
        properties.put("flag", null);

        String topic = TelemetryMessages.topic("dev-1", 10, "mid-1", "application/json", true, properties);

        assertThat(topic).isEqualTo("devices/dev-1/messages/events/%24.ct=application%2Fjson&%24.ce=utf-8&%24.mid=mid-1"
                + "&alert%20level=high%26dry&flag");
    }

    @Test
    void the_hub_parser_reads_back_what_the_device_sends() {
        String topic = TelemetryMessages.topic("dev-1", 10, "mid-1", "text/plain", true, Map.of("unit", "°C"));

        HubTopic.Telemetry parsed = (HubTopic.Telemetry) HubTopic.parse(topic, "dev-1");

        assertThat(parsed.properties().contentType()).isEqualTo("text/plain");
        assertThat(parsed.properties().contentEncoding()).isEqualTo("utf-8");
        assertThat(parsed.properties().messageId()).isEqualTo("mid-1");
        assertThat(parsed.properties().applicationProperties()).containsExactly(Map.entry("unit", "°C"));
    }

    @Test
    void binary_message_has_no_content_encoding_and_no_content_type_when_none_is_given() {
        assertThat(TelemetryMessages.topic("dev-1", 3, "m", null, false, null))
                .isEqualTo("devices/dev-1/messages/events/%24.mid=m");
    }

    @Test
    void system_property_names_are_refused_as_application_properties() {
        assertThatThrownBy(() -> TelemetryMessages.topic("dev-1", 1, "m", null, true, Map.of("$.mid", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved for system properties");
        assertThatThrownBy(() -> TelemetryMessages.topic("dev-1", 1, "m", null, true, Map.of("", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty name");
    }

    @Test
    void bodies_over_256_kb_are_refused_before_sending() {
        assertThat(TelemetryMessages.topic("d", 256 * 1024, "m", null, false, null)).isNotEmpty();
        assertThatThrownBy(() -> TelemetryMessages.topic("d", 256 * 1024 + 1, "m", null, false, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 262144 bytes");
    }
}
