package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentApiTest extends ServiceApiTestBase {
    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String SYMMETRIC = "{\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{}}}";

    @Test
    void create_without_keys_generates_two_64_byte_keys_and_fills_defaults() {
        Reply reply = api.put("/enrollments/Device-01", SYMMETRIC);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("registrationId").asText()).isEqualTo("Device-01");
        JsonNode keys = body.path("attestation").path("symmetricKey");
        assertThat(Base64.getDecoder().decode(keys.path("primaryKey").asText())).hasSize(64);
        assertThat(Base64.getDecoder().decode(keys.path("secondaryKey").asText())).hasSize(64);
        assertThat(keys.path("primaryKey").asText()).isNotEqualTo(keys.path("secondaryKey").asText());
        assertThat(body.path("provisioningStatus").asText()).isEqualTo("enabled");
        assertThat(body.path("allocationPolicy").asText()).isEqualTo("hashed");
        assertThat(body.path("iotHubs")).extracting(JsonNode::asText)
                .containsExactly("hub-a.example.com", "hub-b.example.com");
        assertThat(body.path("capabilities").path("iotEdge").asBoolean(true)).isFalse();
        assertThat(body.path("reprovisionPolicy").path("updateHubAssignment").asBoolean()).isTrue();
        assertThat(body.path("reprovisionPolicy").path("migrateDeviceData").asBoolean()).isTrue();
        assertThat(body.path("etag").asText()).isNotEmpty().isEqualTo(reply.header("ETag"));
        assertThat(body.path("createdDateTimeUtc").asText()).isNotEmpty();
        assertThat(reply.header("x-ms-request-id")).isNotEmpty();
    }

    @Test
    void create_with_given_keys_stores_them_and_get_returns_them_case_insensitively() {
        String json = "{\"registrationId\":\"Sensor-7\",\"deviceId\":\"sensor-7(a)\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + KEY_A + "\",\"secondaryKey\":\"" + KEY_B + "\"}},"
                + "\"initialTwin\":{\"tags\":{\"room\":\"7\"},\"properties\":{\"desired\":{\"rate\":5}}},"
                + "\"optionalDeviceInformation\":{\"model\":\"x\"},\"iotHubHostName\":\"HUB-B.example.com\","
                + "\"allocationPolicy\":\"static\",\"provisioningStatus\":\"Disabled\"}";
        assertThat(api.put("/enrollments/sensor-7", json).status()).isEqualTo(200);

        Reply reply = api.get("/ENROLLMENTS/SENSOR-7");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("registrationId").asText()).isEqualTo("Sensor-7");
        assertThat(body.path("deviceId").asText()).isEqualTo("sensor-7(a)");
        assertThat(body.path("attestation").path("symmetricKey").path("primaryKey").asText()).isEqualTo(KEY_A);
        assertThat(body.path("attestation").path("symmetricKey").path("secondaryKey").asText()).isEqualTo(KEY_B);
        assertThat(body.path("initialTwin").path("properties").path("desired").path("rate").asInt()).isEqualTo(5);
        assertThat(body.path("optionalDeviceInformation").path("model").asText()).isEqualTo("x");
        assertThat(body.path("iotHubs")).extracting(JsonNode::asText).containsExactly("hub-b.example.com");
        assertThat(body.path("allocationPolicy").asText()).isEqualTo("static");
        assertThat(body.path("provisioningStatus").asText()).isEqualTo("disabled");
        assertThat(reply.header("ETag")).isEqualTo(body.path("etag").asText());
        assertThat(reply.header("content-type")).startsWith("application/json");
    }

    @Test
    void key_that_is_not_base64_of_16_to_64_bytes_is_refused() {
        String tooShort = Base64.getEncoder().encodeToString(new byte[8]);
        Reply shortKey = api.put("/enrollments/dev1", "{\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + tooShort + "\"}}}");
        Reply notBase64 = api.put("/enrollments/dev1", "{\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + KEY_A + "\",\"secondaryKey\":\"not base64!\"}}}");

        assertThat(shortKey.status()).isEqualTo(400);
        assertThat(shortKey.errorCode()).isEqualTo(400003);
        assertThat(shortKey.message()).contains("primaryKey", "base64 of 16 to 64 bytes");
        assertThat(notBase64.errorCode()).isEqualTo(400003);
        assertThat(notBase64.message()).contains("secondaryKey");
        assertThat(api.get("/enrollments/dev1").status()).isEqualTo(404);
    }

    @Test
    void unknown_enrollment_is_404_with_error_body_and_header() {
        Reply reply = api.get("/enrollments/nobody");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(404201);
        assertThat(reply.header("x-ms-error-code")).isEqualTo("404201");
        assertThat(reply.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.message()).contains("nobody");
        assertThat(reply.json().path("trackingId").asText()).isNotEmpty();
        assertThat(reply.json().path("timestampUtc").asText()).endsWith("Z");
        assertThat(api.refusals("enrollment_not_found")).isEqualTo(1);
    }

    @Test
    void update_with_matching_if_match_succeeds_and_a_stale_one_gets_412() {
        Reply created = api.put("/enrollments/dev2", SYMMETRIC);
        String etag = created.header("ETag");
        // what the Node SDK does: send back everything it read, read-only fields included
        String update = created.body().replace("\"enabled\"", "\"disabled\"");

        Reply updated = api.call("PUT", "/enrollments/dev2").header("If-Match", etag).body(update).send();
        Reply stale = api.call("PUT", "/enrollments/dev2").header("If-Match", etag).body(update).send();

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("provisioningStatus").asText()).isEqualTo("disabled");
        assertThat(updated.header("ETag")).isNotEqualTo(etag);
        assertThat(updated.json().path("attestation")).isEqualTo(created.json().path("attestation"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo(412002);
        assertThat(stale.message()).contains("etag");
    }

    @Test
    void delete_removes_the_enrollment_and_honours_if_match() {
        String etag = api.put("/enrollments/dev3", SYMMETRIC).header("ETag");

        Reply wrongEtag = api.call("DELETE", "/enrollments/dev3").header("If-Match", "\"other\"").send();
        Reply deleted = api.call("DELETE", "/enrollments/dev3").header("If-Match", etag).send();
        Reply again = api.delete("/enrollments/dev3");

        assertThat(wrongEtag.status()).isEqualTo(412);
        assertThat(wrongEtag.errorCode()).isEqualTo(412002);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo(404201);
        assertThat(api.get("/enrollments/dev3").status()).isEqualTo(404);
    }

    @Test
    void attestation_mechanism_returns_the_keys() {
        JsonNode created = api.put("/enrollments/dev4", SYMMETRIC).json();

        Reply reply = api.call("POST", "/enrollments/dev4/attestationmechanism").body("{}").send();
        Reply empty = api.call("POST", "/enrollments/dev4/attestationMechanism").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(created.path("attestation"));
        assertThat(reply.json().path("type").asText()).isEqualTo("symmetricKey");
        assertThat(empty.json()).isEqualTo(created.path("attestation"));
        assertThat(api.post("/enrollments/nobody/attestationmechanism", "{}").errorCode()).isEqualTo(404201);
    }

    @Test
    void path_id_and_body_id_must_match() {
        Reply reply = api.put("/enrollments/dev5", "{\"registrationId\":\"dev6\"," + SYMMETRIC.substring(1));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400003);
        assertThat(reply.message()).contains("dev6", "dev5", "registrationId");
    }

    @Test
    void invalid_registration_and_device_ids_are_refused_with_the_rule() {
        Reply specialStart = api.put("/enrollments/.dev", SYMMETRIC);
        Reply badChar = api.put("/enrollments/dev%20x", SYMMETRIC);
        Reply tooLong = api.put("/enrollments/" + "a".repeat(129), SYMMETRIC);
        Reply trailingDash = api.put("/enrollments/dev-", SYMMETRIC);
        Reply badDevice = api.put("/enrollments/dev7", "{\"deviceId\":\"a/b\"," + SYMMETRIC.substring(1));

        assertThat(specialStart.errorCode()).isEqualTo(400002);
        assertThat(specialStart.message()).contains("starts with '.'", "128");
        assertThat(badChar.errorCode()).isEqualTo(400002);
        assertThat(badChar.message()).contains("contains ' '");
        assertThat(tooLong.message()).contains("129 characters");
        assertThat(trailingDash.status()).isEqualTo(200);
        assertThat(badDevice.errorCode()).isEqualTo(400003);
        assertThat(badDevice.message()).contains("deviceId", "contains '/'");
    }

    @Test
    void tpm_unknown_and_missing_attestation_are_refused_with_what_is_supported() {
        Reply tpm = api.put("/enrollments/dev8", "{\"attestation\":{\"type\":\"tpm\"}}");
        Reply unknown = api.put("/enrollments/dev8", "{\"attestation\":{\"type\":\"password\"}}");
        Reply none = api.put("/enrollments/dev8", "{\"deviceId\":\"d\"}");

        assertThat(tpm.status()).isEqualTo(400);
        assertThat(tpm.errorCode()).isEqualTo(400003);
        assertThat(tpm.message()).contains("tpm", "supports symmetricKey and x509");
        assertThat(unknown.message()).contains("'password' is unknown", "symmetricKey or x509");
        assertThat(none.message()).contains("no attestation");
    }

    @Test
    void hub_and_policy_rules_are_checked_against_the_linked_hubs() {
        Reply unknownHub = api.put("/enrollments/dev9", "{\"iotHubs\":[\"elsewhere.example.com\"]," + SYMMETRIC.substring(1));
        Reply staticTwo = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"static\"," + SYMMETRIC.substring(1));
        Reply custom = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"custom\"," + SYMMETRIC.substring(1));
        Reply status = api.put("/enrollments/dev9", "{\"provisioningStatus\":\"paused\"," + SYMMETRIC.substring(1));
        Reply geo = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"GEOLATENCY\",\"iotHubs\":[\"Hub-A.example.com\"],"
                + SYMMETRIC.substring(1));

        assertThat(unknownHub.errorCode()).isEqualTo(400003);
        assertThat(unknownHub.message()).contains("elsewhere.example.com", "hub-a.example.com", "hub-b.example.com");
        assertThat(staticTwo.errorCode()).isEqualTo(400003);
        assertThat(staticTwo.message()).contains("static", "exactly one hub", "2");
        assertThat(custom.errorCode()).isEqualTo(400003);
        assertThat(custom.message()).contains("custom", "customAllocationDefinition", "webhookUrl");
        assertThat(status.message()).contains("paused", "enabled", "disabled");
        assertThat(geo.status()).as(geo.toString()).isEqualTo(200);
        assertThat(geo.json().path("allocationPolicy").asText()).isEqualTo("geoLatency");
        assertThat(geo.json().path("iotHubs")).extracting(JsonNode::asText).containsExactly("hub-a.example.com");
    }

    @Test
    void custom_policy_needs_an_absolute_http_webhook_and_defaults_the_api_version() {
        Reply relative = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":"
                + "{\"webhookUrl\":\"/allocate\"}," + SYMMETRIC.substring(1));
        Reply ftp = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":"
                + "{\"webhookUrl\":\"ftp://allocator.example.com/x\"}," + SYMMETRIC.substring(1));
        Reply broken = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":"
                + "{\"webhookUrl\":\"https://bad host/\"}," + SYMMETRIC.substring(1));
        Reply good = api.put("/enrollments/dev9", "{\"allocationPolicy\":\"Custom\",\"customAllocationDefinition\":"
                + "{\"webhookUrl\":\"https://allocator.example.com/api/allocate?code=k\"}," + SYMMETRIC.substring(1));

        assertThat(relative.errorCode()).isEqualTo(400003);
        assertThat(relative.message()).contains("/allocate", "absolute http or https URL");
        assertThat(ftp.errorCode()).isEqualTo(400003);
        assertThat(ftp.message()).contains("ftp://allocator.example.com/x", "absolute http or https URL");
        assertThat(broken.errorCode()).isEqualTo(400003);
        assertThat(broken.message()).contains("not a valid URL");
        assertThat(good.status()).as(good.toString()).isEqualTo(200);
        assertThat(good.json().path("allocationPolicy").asText()).isEqualTo("custom");
        assertThat(good.json().path("customAllocationDefinition").path("webhookUrl").asText())
                .isEqualTo("https://allocator.example.com/api/allocate?code=k");
        assertThat(good.json().path("customAllocationDefinition").path("apiVersion").asText()).isEqualTo("2021-10-01");
        assertThat(api.get("/enrollments/dev9").json().path("allocationPolicy").asText()).isEqualTo("custom");
    }

    @Test
    void reprovision_policy_naming_one_flag_keeps_the_other_default() {
        Reply reply = api.put("/enrollments/dev15", "{\"reprovisionPolicy\":{\"updateHubAssignment\":false}," + SYMMETRIC.substring(1));

        assertThat(reply.json().path("reprovisionPolicy").path("updateHubAssignment").asBoolean(true)).isFalse();
        assertThat(reply.json().path("reprovisionPolicy").path("migrateDeviceData").asBoolean()).isTrue();
    }

    @Test
    void wrong_field_types_name_the_field() {
        Reply twin = api.put("/enrollments/dev10", "{\"initialTwin\":\"{}\"," + SYMMETRIC.substring(1));
        Reply edge = api.put("/enrollments/dev10", "{\"capabilities\":{\"iotEdge\":[1]}," + SYMMETRIC.substring(1));
        Reply array = api.put("/enrollments/dev10", "[1,2]");
        Reply empty = api.call("PUT", "/enrollments/dev10").send();

        assertThat(twin.errorCode()).isEqualTo(400003);
        assertThat(twin.message()).contains("initialTwin", "JSON object");
        assertThat(edge.message()).contains("capabilities.iotEdge");
        assertThat(array.errorCode()).isEqualTo(400000);
        assertThat(array.message()).contains("JSON object");
        assertThat(empty.message()).contains("needs a JSON body");
    }

    @Test
    void invalid_json_gets_400001_with_the_location() {
        Reply reply = api.put("/enrollments/dev11", "{\"attestation\":\n  {\"type\": symmetricKey}}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400001);
        assertThat(reply.message()).contains("not valid JSON", "line 2");
        assertThat(api.refusals("invalid_json")).isEqualTo(1);
    }

    @Test
    void body_over_one_megabyte_gets_413() {
        String big = "{\"optionalDeviceInformation\":{\"x\":\"" + "a".repeat(ServiceApi.MAX_BODY_BYTES) + "\"}}";

        Reply reply = api.put("/enrollments/dev12", big);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo(413000);
        assertThat(reply.message()).contains("1048576 bytes");
    }

    @Test
    void body_that_is_not_json_gets_415() {
        Reply reply = api.call("PUT", "/enrollments/dev13").header("Content-Type", "application/x-www-form-urlencoded")
                .body("registrationId=dev13").send();

        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.errorCode()).isEqualTo(415000);
        assertThat(reply.message()).contains("application/x-www-form-urlencoded", "Content-Type: application/json");
    }

    @Test
    void get_shows_the_registration_state_of_a_registered_device() {
        api.put("/enrollments/dev14", SYMMETRIC);
        RegistrationFixtures.register(api.store, "DEV14", null);

        JsonNode state = api.get("/enrollments/dev14").json().path("registrationState");

        assertThat(state.path("registrationId").asText()).isEqualTo("DEV14");
        assertThat(state.path("status").asText()).isEqualTo("assigned");
        assertThat(state.path("assignedHub").asText()).isEqualTo("hub-a.example.com");
        assertThat(state.path("etag").asText()).isNotEmpty();
    }

    @Test
    void query_shows_each_enrollment_with_its_own_registration_state() {
        api.put("/enrollments/dev15", SYMMETRIC);
        api.put("/enrollments/dev16", SYMMETRIC);
        api.put("/enrollments/dev17", SYMMETRIC);
        RegistrationFixtures.register(api.store, "DEV15", null);
        RegistrationFixtures.register(api.store, "dev17", null);

        Reply reply = api.call("POST", "/enrollments/query").body("{\"query\":\"*\"}").send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        reply.json().forEach(item -> byId.put(item.path("registrationId").asText(), item.path("registrationState")));
        assertThat(byId.get("dev15").path("registrationId").asText()).isEqualTo("DEV15");
        assertThat(byId.get("dev15").path("status").asText()).isEqualTo("assigned");
        assertThat(byId.get("dev16").isMissingNode()).as("never registered").isTrue();
        assertThat(byId.get("dev17").path("registrationId").asText()).isEqualTo("dev17");
    }
}
