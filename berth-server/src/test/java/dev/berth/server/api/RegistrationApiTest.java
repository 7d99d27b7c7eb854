package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import org.junit.jupiter.api.Test;

class RegistrationApiTest extends ServiceApiTestBase {
    @Test
    void get_returns_the_registration_state_with_its_etag() {
        RegistrationFixtures.register(api.store, "Device-1", null);

        Reply reply = api.get("/registrations/device-1");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        JsonNode state = reply.json();
        assertThat(state.path("registrationId").asText()).isEqualTo("Device-1");
        assertThat(state.path("deviceId").asText()).isEqualTo("device-1");
        assertThat(state.path("assignedHub").asText()).isEqualTo("hub-a.example.com");
        assertThat(state.path("status").asText()).isEqualTo("assigned");
        assertThat(state.path("substatus").asText()).isEqualTo("initialAssignment");
        assertThat(state.path("payload").path("answer").asInt()).isEqualTo(42);
        assertThat(state.path("createdDateTimeUtc").asText()).matches(".*\\.\\d{7}Z");
        assertThat(reply.header("ETag")).isEqualTo(state.path("etag").asText());
    }

    @Test
    void unknown_registration_is_404202() {
        Reply reply = api.get("/registrations/nobody");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.errorCode()).isEqualTo(404202);
        assertThat(reply.header("x-ms-error-code")).isEqualTo("404202");
        assertThat(reply.message()).contains("nobody", "has not registered");
    }

    @Test
    void delete_honours_if_match_and_removes_the_state() {
        String etag = RegistrationFixtures.register(api.store, "device-2", null).etag();

        Reply stale = api.call("DELETE", "/registrations/device-2").header("If-Match", "\"nope\"").send();
        Reply deleted = api.call("DELETE", "/registrations/device-2").header("If-Match", etag).send();

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo(412002);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/registrations/device-2").status()).isEqualTo(404);
        assertThat(api.delete("/registrations/device-2").errorCode()).isEqualTo(404202);
    }

    @Test
    void query_lists_the_registrations_of_one_group_in_pages() {
        for (int i = 0; i < 3; i++) {
            RegistrationFixtures.register(api.store, "member-" + i, "group-1");
        }
        RegistrationFixtures.register(api.store, "outsider", "group-2");

        Reply first = api.call("POST", "/registrations/group-1/query").header("x-ms-max-item-count", "2")
                .body("{\"query\":\"SELECT * FROM enrollments\"}").send();
        Reply second = api.call("POST", "/registrations/group-1/query").header("x-ms-max-item-count", "2")
                .header("x-ms-continuation", first.header("x-ms-continuation")).send();

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json()).extracting(n -> n.path("registrationId").asText()).containsExactly("member-0", "member-1");
        assertThat(first.header("x-ms-item-type")).isEqualTo("deviceRegistration");
        assertThat(first.header("x-ms-max-item-count")).isEqualTo("2");
        assertThat(second.json()).extracting(n -> n.path("registrationId").asText()).containsExactly("member-2");
        assertThat(second.header("x-ms-continuation")).isNull();
    }

    @Test
    void registrations_cannot_be_put() {
        Reply reply = api.put("/registrations/device-3", "{}");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.errorCode()).isEqualTo(405000);
        assertThat(reply.header("Allow")).isEqualTo("DELETE, GET");
        assertThat(reply.message()).contains("PUT", "allowed: DELETE, GET");
    }
}
