package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class GroupApiTest extends ServiceApiTestBase {
    private static final String SYMMETRIC = "{\"attestation\":{\"type\":\"symmetricKey\"}}";

    @Test
    void group_create_get_update_delete() {
        Reply created = api.put("/enrollmentGroups/Floor-3", "{\"enrollmentGroupId\":\"Floor-3\",\"iotHubs\":[\"hub-b.example.com\"],"
                + "\"capabilities\":{\"iotEdge\":true},\"initialTwin\":{\"tags\":{\"floor\":3}}," + SYMMETRIC.substring(1));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode group = created.json();
        assertThat(group.path("enrollmentGroupId").asText()).isEqualTo("Floor-3");
        assertThat(Base64.getDecoder().decode(group.path("attestation").path("symmetricKey").path("primaryKey").asText()))
                .hasSize(64);
        assertThat(group.path("capabilities").path("iotEdge").asBoolean()).isTrue();
        assertThat(group.path("iotHubs")).extracting(JsonNode::asText).containsExactly("hub-b.example.com");
        assertThat(group.has("registrationId")).isFalse();

        Reply fetched = api.get("/enrollmentgroups/floor-3");
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json()).isEqualTo(group);
        assertThat(fetched.header("ETag")).isEqualTo(group.path("etag").asText());

        Reply updated = api.call("PUT", "/enrollmentGroups/floor-3").header("If-Match", created.header("ETag"))
                .body(created.body().replace("\"enabled\"", "\"disabled\"")).send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("provisioningStatus").asText()).isEqualTo("disabled");
        Reply stale = api.call("PUT", "/enrollmentGroups/floor-3").header("If-Match", created.header("ETag"))
                .body(created.body()).send();
        assertThat(stale.errorCode()).isEqualTo(412002);

        assertThat(api.delete("/enrollmentGroups/FLOOR-3").status()).isEqualTo(204);
        Reply gone = api.get("/enrollmentGroups/floor-3");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo(404201);
        assertThat(gone.message()).contains("enrollment group", "floor-3");
    }

    @Test
    void lower_case_enrollmentgroups_attestation_path_works_as_the_node_sdk_sends_it() {
        JsonNode created = api.put("/enrollmentGroups/g1", SYMMETRIC).json();

        Reply reply = api.call("POST", "/enrollmentgroups/g1/attestationmechanism").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(created.path("attestation"));
    }

    @Test
    void group_id_mismatch_and_invalid_group_id_are_refused() {
        Reply mismatch = api.put("/enrollmentGroups/g2", "{\"enrollmentGroupId\":\"g3\"," + SYMMETRIC.substring(1));
        Reply invalid = api.put("/enrollmentGroups/g_", SYMMETRIC);

        assertThat(mismatch.errorCode()).isEqualTo(400003);
        assertThat(mismatch.message()).contains("enrollmentGroupId", "g3", "g2");
        assertThat(invalid.errorCode()).isEqualTo(400003);
        assertThat(invalid.message()).contains("group ID", "ends with '_'");
    }

    @Test
    void group_with_static_policy_on_a_single_hub_is_stored() {
        Reply reply = api.put("/enrollmentGroups/g4", "{\"allocationPolicy\":\"static\",\"iotHubs\":[\"hub-a.example.com\"],"
                + SYMMETRIC.substring(1));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("allocationPolicy").asText()).isEqualTo("static");
    }
}
