package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.device.client.MethodResult;
import org.junit.jupiter.api.Test;

class MethodDispatcherTest {

    private final MethodDispatcher dispatcher = new MethodDispatcher("dev-1");

    @Test
    void registered_method_gets_the_payload_and_its_result_is_the_answer() {
        dispatcher.register("echo", payload -> new MethodResult(201, "{\"got\":" + payload + "}"));

        assertThat(dispatcher.dispatch("echo", "{\"a\":1}")).isEqualTo(new MethodResult(201, "{\"got\":{\"a\":1}}"));
    }

    @Test
    void unknown_method_is_answered_404_with_a_json_message() throws Exception {
        dispatcher.register("echo", payload -> MethodResult.ok(payload));

        MethodResult result = dispatcher.dispatch("reboot", "");

        assertThat(result.status()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(result.jsonPayload()).get("message").asText())
                .isEqualTo("method 'reboot' is not implemented by device 'dev-1'");
    }

    @Test
    void a_handler_that_throws_is_answered_500_with_its_message() throws Exception {
        dispatcher.register("fail", payload -> {
            throw new IllegalStateException("sensor offline");
        });

        MethodResult result = dispatcher.dispatch("fail", "{}");

        assertThat(result.status()).isEqualTo(500);
        assertThat(new ObjectMapper().readTree(result.jsonPayload()).get("message").asText())
                .isEqualTo("method 'fail' failed: sensor offline");
    }

    @Test
    void a_handler_that_returns_nothing_is_answered_500() {
        dispatcher.register("nothing", payload -> null);

        assertThat(dispatcher.dispatch("nothing", "").status()).isEqualTo(500);
    }

    @Test
    void method_names_must_fit_in_a_topic_segment() {
        assertThatThrownBy(() -> dispatcher.register("a/b", p -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dispatcher.register("", p -> null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dispatcher.isEmpty()).isTrue();
    }
}
