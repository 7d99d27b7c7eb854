package dev.berth.server.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.dps.DpsErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class CustomAllocationResponseTest {
    private static final List<String> HUBS = List.of("hub-a.example.com", "hub-b.example.com");

    @Test
    void answer_gives_the_linked_hub_twin_and_payload() {
        CustomAllocationResponse answer = CustomAllocationResponse.parse("{\"iotHubHostName\":\"HUB-B.example.com\","
                + "\"initialTwin\":{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"rate\":5}}},\"payload\":{\"config\":{\"x\":[1,2]}}}", HUBS);

        assertThat(answer.iotHubHostName()).isEqualTo("hub-b.example.com");
        assertThat(answer.initialTwin().tags()).containsEntry("t", 1);
        assertThat(answer.initialTwin().properties().desired()).containsEntry("rate", 5);
        assertThat(answer.payloadJson()).isEqualTo("{\"config\":{\"x\":[1,2]}}");
    }

    @Test
    void answer_without_twin_or_payload_keeps_both_null() {
        CustomAllocationResponse answer = CustomAllocationResponse.parse("{\"iotHubHostName\":\"hub-a.example.com\",\"payload\":null}", HUBS);

        assertThat(answer.initialTwin()).isNull();
        assertThat(answer.payloadJson()).isNull();
    }

    @Test
    void unlinked_or_missing_hub_is_a_400208_that_names_the_allowed_hubs() {
        assertThatThrownBy(() -> CustomAllocationResponse.parse("{\"iotHubHostName\":\"elsewhere.example.com\"}", HUBS))
                .isInstanceOfSatisfying(CustomAllocationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DpsErrorCode.IOT_HUB_NOT_SPECIFIED);
                    assertThat(e.getMessage()).contains("elsewhere.example.com", "hub-a.example.com", "hub-b.example.com");
                });
        assertThatThrownBy(() -> CustomAllocationResponse.parse("{\"payload\":{}}", HUBS))
                .isInstanceOfSatisfying(CustomAllocationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DpsErrorCode.IOT_HUB_NOT_SPECIFIED);
                    assertThat(e.getMessage()).contains("no \"iotHubHostName\"");
                });
    }

    @Test
    void unusable_answers_are_400_family_errors_that_say_what_is_wrong() {
        assertThat(code("not json")).isEqualTo(DpsErrorCode.BAD_REQUEST);
        assertThat(code("")).isEqualTo(DpsErrorCode.BAD_REQUEST);
        assertThat(code("[\"hub-a.example.com\"]")).isEqualTo(DpsErrorCode.BAD_REQUEST);
        assertThatThrownBy(() -> CustomAllocationResponse.parse("{\"iotHubHostName\":\"hub-a.example.com\",\"payload\":\"text\"}", HUBS))
                .hasMessageContaining("\"payload\" must be a JSON object");
        assertThatThrownBy(() -> CustomAllocationResponse.parse("{\"iotHubHostName\":\"hub-a.example.com\",\"initialTwin\":[1]}", HUBS))
                .hasMessageContaining("\"initialTwin\" must be a JSON object");
        assertThatThrownBy(() -> CustomAllocationResponse.parse("{\"iotHubHostName\":\"hub-a.example.com\","
                + "\"initialTwin\":{\"tags\":5}}", HUBS)).hasMessageContaining("\"initialTwin\" is not a twin");
    }

    private static DpsErrorCode code(String body) {
        try {
            CustomAllocationResponse.parse(body, HUBS);
            throw new AssertionError("accepted " + body);
        } catch (CustomAllocationException e) {
            assertThat(e.code().httpStatus()).isEqualTo(400);
            return e.code();
        }
    }
}
