package dev.berth.device.provisioning.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RegistrationPayloadTest {

    @Test
    void payload_is_sent_as_a_json_object_not_a_string() {
        byte[] body = RegistrationPayload.registerBody("dev-1", RegistrationPayload.parse("{\"modelId\":\"dtmi:x;1\"}"));

        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"registrationId\":\"dev-1\",\"payload\":{\"modelId\":\"dtmi:x;1\"}}");
    }

    @Test
    void no_payload_leaves_the_field_out() {
        assertThat(RegistrationPayload.parse(null)).isNull();
        assertThat(RegistrationPayload.parse("  ")).isNull();
        assertThat(new String(RegistrationPayload.registerBody("dev-1", null), StandardCharsets.UTF_8))
                .isEqualTo("{\"registrationId\":\"dev-1\"}");
    }

    @Test
    void invalid_json_is_refused_with_its_position() {
        assertThatThrownBy(() -> RegistrationPayload.parse("{\"a\": }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining("line 1");
    }

    @Test
    void json_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> RegistrationPayload.parse("[1,2]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object").hasMessageContaining("array");
        assertThatThrownBy(() -> RegistrationPayload.parse("\"text\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("string");
    }
}
