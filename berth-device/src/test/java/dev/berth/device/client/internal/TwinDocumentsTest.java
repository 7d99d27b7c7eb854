package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.client.DesiredPropertiesUpdate;
import dev.berth.device.client.Twin;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwinDocumentsTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void twin_has_both_halves_with_versions_and_without_metadata() {
        Twin twin = TwinDocuments.twin(utf8("{\"desired\":{\"interval\":5,\"$version\":3},"
                + "\"reported\":{\"fw\":{\"v\":\"1.2\"},\"$metadata\":{\"x\":1},\"$version\":7}}"));

        assertThat(twin.desired().version()).isEqualTo(3);
        assertThat(twin.desired().properties()).containsExactly(Map.entry("interval", 5));
        assertThat(twin.reported().version()).isEqualTo(7);
        assertThat(twin.reported().get("fw")).isEqualTo(Map.of("v", "1.2"));
        assertThat(twin.reported().json()).isEqualTo("{\"fw\":{\"v\":\"1.2\"}}");
    }

    @Test
    void twin_answer_that_is_not_a_json_object_is_refused() {
        assertThatThrownBy(() -> TwinDocuments.twin(utf8("[]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwinDocuments.twin(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TwinDocuments.twin(utf8("{\"desired\":1}"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void desired_update_takes_the_topic_version_and_leaves_version_out_of_the_patch() {
        DesiredPropertiesUpdate update = TwinDocuments.desiredUpdate(utf8("{\"interval\":10,\"old\":null,\"$version\":4}"), 4L);

        assertThat(update.version()).isEqualTo(4);
        assertThat(update.patchJson()).isEqualTo("{\"interval\":10,\"old\":null}");
        assertThat(update.patch()).containsEntry("interval", 10).containsEntry("old", null);
    }

    @Test
    void desired_update_without_topic_version_uses_the_body_version() {
        assertThat(TwinDocuments.desiredUpdate(utf8("{\"a\":1,\"$version\":12}"), null).version()).isEqualTo(12);
    }

    @Test
    void reported_patch_keeps_nulls_so_they_delete() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("temperature", 21.5);
        patch.put("obsolete", null);

        assertThat(TwinDocuments.reportedPatch(patch)).isEqualTo("{\"temperature\":21.5,\"obsolete\":null}");
    }

    @Test
    void reported_patch_text_must_be_a_json_object() {
        assertThat(TwinDocuments.checkedPatch(" {\"a\": 1} ")).isEqualTo("{\"a\":1}");
        assertThatThrownBy(() -> TwinDocuments.checkedPatch("not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TwinDocuments.checkedPatch("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> TwinDocuments.checkedPatch(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void error_message_is_read_from_the_hub_error_body() {
        assertThat(TwinDocuments.errorMessage(utf8("{\"message\":\"too large\"}"))).isEqualTo("too large");
        assertThat(TwinDocuments.errorMessage(utf8("{\"Message\":\"bad\"}"))).isEqualTo("bad");
        assertThat(TwinDocuments.errorMessage(utf8("plain"))).isEqualTo("plain");
        assertThat(TwinDocuments.errorMessage(new byte[0])).isEqualTo("no details");
    }
}
