package dev.berth.protocol.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Request topics of every SDK (protocol.md §2.5) and the exact response topic shapes (§2.9). */
class DpsTopicsTest {

    @ParameterizedTest(name = "rid {0} is echoed byte for byte")
    @ValueSource(strings = {"1", "42", "7f0c3a8e-5d1b-4f0a-9c51-0b8e1c2d3e4f", "1700000000", "a%2Fb", "$weird"})
    void register_topic_keeps_rid_as_sent(String rid) {
        DpsRequestTopic parsed = DpsRequestTopic.parse("$dps/registrations/PUT/iotdps-register/?$rid=" + rid);
        assertThat(parsed).isEqualTo(new DpsRequestTopic.Register(rid));
        assertThat(DpsRequestTopic.register(rid)).isEqualTo("$dps/registrations/PUT/iotdps-register/?$rid=" + rid);
    }

    @Test
    void poll_topic_carries_rid_and_operation_id() {
        String topic = "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=4.68e5a1b2c3d4e5f6.0b1c";
        assertThat(DpsRequestTopic.parse(topic)).isEqualTo(new DpsRequestTopic.OperationStatus("2", "4.68e5a1b2c3d4e5f6.0b1c"));
        assertThat(DpsRequestTopic.operationStatus("2", "4.68e5a1b2c3d4e5f6.0b1c")).isEqualTo(topic);
    }

    @Test
    void poll_topic_with_operation_id_first_also_parses() {
        assertThat(DpsRequestTopic.parse("$dps/registrations/GET/iotdps-get-operationstatus/?operationId=op&$rid=9"))
                .isEqualTo(new DpsRequestTopic.OperationStatus("9", "op"));
    }

    @Test
    void unknown_and_incomplete_topics_say_why() {
        assertThat(DpsRequestTopic.parse("devices/x/messages/events/")).isInstanceOfSatisfying(DpsRequestTopic.Unknown.class,
                u -> assertThat(u.reason()).contains("not a provisioning topic"));
        assertThat(DpsRequestTopic.parse("$dps/registrations/PUT/iotdps-register/")).isInstanceOfSatisfying(DpsRequestTopic.Unknown.class,
                u -> assertThat(u.reason()).contains("no $rid"));
        assertThat(DpsRequestTopic.parse("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=1"))
                .isInstanceOfSatisfying(DpsRequestTopic.Unknown.class, u -> assertThat(u.reason()).contains("no operationId"));
        assertThat(DpsRequestTopic.parse(null)).isInstanceOf(DpsRequestTopic.Unknown.class);
    }

    @Test
    void every_topic_yields_the_rid_its_answer_echoes_even_an_unknown_one() {
        assertThat(DpsRequestTopic.parse("$dps/registrations/PUT/iotdps-register/?$rid=7").rid()).isEqualTo("7");
        assertThat(DpsRequestTopic.parse("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=1").rid()).isEqualTo("1");
        assertThat(DpsRequestTopic.parse("$dps/registrations/PUT/other/?$rid=42&x=1").rid()).isEqualTo("42");
        assertThat(DpsRequestTopic.parse("devices/x/messages/events/").rid()).isEmpty();
        assertThat(DpsRequestTopic.parse(null).rid()).isEmpty();
    }

    @Test
    void response_topic_202_has_rid_first_and_retry_after_last() {
        assertThat(DpsResponseTopic.retryAfter(202, "7", 3).format()).isEqualTo("$dps/registrations/res/202/?$rid=7&retry-after=3");
        assertThat(DpsResponseTopic.of(200, "7").format()).isEqualTo("$dps/registrations/res/200/?$rid=7");
        assertThat(DpsResponseTopic.of(401, "x-y").format()).isEqualTo("$dps/registrations/res/401/?$rid=x-y");
    }

    @Test
    void response_topic_round_trips() {
        DpsResponseTopic parsed = DpsResponseTopic.parse("$dps/registrations/res/202/?$rid=7&retry-after=3");
        assertThat(parsed).isEqualTo(new DpsResponseTopic(202, "7", OptionalInt.of(3)));
        assertThat(DpsResponseTopic.parse("$dps/registrations/res/200/?$rid=u-u").retryAfterSeconds()).isEmpty();
        assertThat(DpsResponseTopic.parse("$dps/registrations/res/429/?$rid=1&Retry-After=bad").retryAfterSeconds()).isEmpty();
    }

    @Test
    void non_response_topics_are_refused() {
        assertThatThrownBy(() -> DpsResponseTopic.parse("$dps/registrations/res/abc/?$rid=1")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> DpsResponseTopic.parse("foo")).hasMessageContaining("not a provisioning response topic");
    }
}
