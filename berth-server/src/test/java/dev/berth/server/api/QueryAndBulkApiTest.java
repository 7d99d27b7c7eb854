package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.server.api.ServiceApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryAndBulkApiTest extends ServiceApiTestBase {
    private static final String SYMMETRIC = "{\"attestation\":{\"type\":\"symmetricKey\"}}";
    private static final String SELECT_ENROLLMENTS = "{\"query\":\"SELECT * FROM enrollments\"}";

    @Test
    void query_pages_through_25_enrollments_ten_at_a_time_and_the_last_page_has_no_continuation() {
        for (int i = 0; i < 25; i++) {
            assertThat(api.put(String.format("/enrollments/dev-%02d", i), SYMMETRIC).status()).isEqualTo(200);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String continuation = null;
        int pages = 0;
        do {
            Reply page = api.call("POST", "/enrollments/query").header("x-ms-max-item-count", "10")
                    .header("x-ms-continuation", continuation).body(SELECT_ENROLLMENTS).send();
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            assertThat(page.header("x-ms-item-type")).isEqualTo("enrollment");
            assertThat(page.header("x-ms-max-item-count")).isEqualTo("10");
            page.json().forEach(e -> seen.add(e.path("registrationId").asText()));
            pageSizes.add(page.json().size());
            continuation = page.header("x-ms-continuation");
            assertThat(continuation).isNotEqualTo("");
            pages++;
        } while (continuation != null && pages < 10);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).containsExactlyElementsOf(
                IntStream.range(0, 25).mapToObj(i -> String.format("dev-%02d", i)).collect(Collectors.toList()));
    }

    @Test
    void query_defaults_to_100_items_and_accepts_any_case() {
        api.put("/enrollments/one", SYMMETRIC);

        Reply reply = api.post("/enrollments/query", "{\"query\":\"select *  from ENROLLMENTS\"}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json()).hasSize(1);
        assertThat(reply.header("x-ms-max-item-count")).isEqualTo("100");
        assertThat(reply.header("x-ms-continuation")).isNull();
    }

    @Test
    void star_alone_and_select_star_without_from_mean_everything_as_the_python_service_sdk_sends_them() {
        api.put("/enrollments/one", SYMMETRIC);
        api.put("/enrollmentGroups/g1", SYMMETRIC);

        assertThat(api.post("/enrollments/query", "{\"query\":\"*\"}").json()).hasSize(1);
        assertThat(api.post("/enrollments/query", "{\"query\":\"SELECT *\"}").json()).hasSize(1);
        assertThat(api.post("/enrollmentGroups/query", "{\"query\":\" * \"}").json()).hasSize(1);
        assertThat(api.post("/enrollments/query", "{\"query\":\"**\"}").status()).isEqualTo(400);
    }

    @Test
    void group_query_lists_groups() {
        api.put("/enrollmentGroups/g1", SYMMETRIC);
        api.put("/enrollmentGroups/g2", SYMMETRIC);

        Reply reply = api.post("/enrollmentGroups/query", "{\"query\":\"SELECT * FROM enrollmentGroups\"}");

        assertThat(reply.json()).extracting(n -> n.path("enrollmentGroupId").asText()).containsExactly("g1", "g2");
        assertThat(reply.header("x-ms-item-type")).isEqualTo("enrollmentGroup");
    }

    @Test
    void unsupported_query_text_is_refused_with_what_is_supported() {
        Reply where = api.post("/enrollments/query", "{\"query\":\"SELECT * FROM enrollments WHERE iotEdge = true\"}");
        Reply otherTable = api.post("/enrollments/query", "{\"query\":\"SELECT * FROM enrollmentGroups\"}");
        Reply noQuery = api.post("/enrollments/query", "{}");
        Reply badPageSize = api.call("POST", "/enrollments/query").header("x-ms-max-item-count", "ten")
                .body(SELECT_ENROLLMENTS).send();
        Reply badContinuation = api.call("POST", "/enrollments/query").header("x-ms-continuation", "!!!")
                .body(SELECT_ENROLLMENTS).send();

        assertThat(where.status()).isEqualTo(400);
        assertThat(where.errorCode()).isEqualTo(400021);
        assertThat(where.message()).contains("not supported", "SELECT * FROM enrollments", "WHERE");
        assertThat(otherTable.errorCode()).isEqualTo(400021);
        assertThat(noQuery.message()).contains("{\"query\":\"SELECT * FROM enrollments\"}");
        assertThat(badPageSize.message()).contains("x-ms-max-item-count", "ten");
        assertThat(badContinuation.errorCode()).isEqualTo(400021);
        assertThat(badContinuation.message()).contains("continuation");
    }

    @Test
    void bulk_create_then_delete() {
        String items = "[{\"registrationId\":\"b1\",\"attestation\":{\"type\":\"symmetricKey\"}},"
                + "{\"registrationId\":\"b2\",\"attestation\":{\"type\":\"symmetricKey\"}}]";

        Reply created = api.post("/enrollments", "{\"enrollments\":" + items + ",\"mode\":\"create\"}");
        Reply again = api.post("/enrollments", "{\"enrollments\":" + items + ",\"mode\":\"create\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("isSuccessful").asBoolean()).isTrue();
        assertThat(created.json().path("errors")).isEmpty();
        assertThat(api.get("/enrollments/b1").status()).isEqualTo(200);
        assertThat(api.get("/enrollments/b2").status()).isEqualTo(200);
        assertThat(again.json().path("isSuccessful").asBoolean()).isFalse();
        JsonNode error = again.json().path("errors").get(0);
        assertThat(error.path("registrationId").asText()).isEqualTo("b1");
        assertThat(error.path("errorCode").asInt()).isEqualTo(409000);
        assertThat(error.path("errorStatus").asText()).contains("already exists");

        Reply deleted = api.post("/enrollments", "{\"enrollments\":" + items + ",\"mode\":\"delete\"}");

        assertThat(deleted.json().path("isSuccessful").asBoolean()).as(deleted.toString()).isTrue();
        assertThat(api.get("/enrollments/b1").status()).isEqualTo(404);
        assertThat(api.get("/enrollments/b2").status()).isEqualTo(404);
    }

    @Test
    void bulk_reports_invalid_items_one_by_one_and_groups_work_too() {
        String body = "{\"mode\":\"update\",\"enrollmentGroups\":[{\"enrollmentGroupId\":\"ok\",\"attestation\":{\"type\":\"symmetricKey\"}},"
                + "{\"enrollmentGroupId\":\"bad\",\"attestation\":{\"type\":\"x509\"}}]}";

        Reply reply = api.post("/enrollmentgroups", body);

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.json().path("isSuccessful").asBoolean()).isFalse();
        JsonNode error = reply.json().path("errors").get(0);
        assertThat(error.path("enrollmentGroupId").asText()).isEqualTo("bad");
        assertThat(error.has("registrationId")).isFalse();
        assertThat(error.path("errorCode").asInt()).isEqualTo(400003);
        assertThat(error.path("errorStatus").asText()).contains("X.509 enrollment group needs its CA");
        assertThat(api.get("/enrollmentGroups/ok").status()).isEqualTo(200);
    }

    @Test
    void bulk_takes_at_most_ten_items_and_a_known_mode() {
        String eleven = IntStream.range(0, 11).mapToObj(i -> "{\"registrationId\":\"d" + i + "\"}")
                .collect(Collectors.joining(",", "[", "]"));

        Reply tooMany = api.post("/enrollments", "{\"enrollments\":" + eleven + ",\"mode\":\"create\"}");
        Reply badMode = api.post("/enrollments", "{\"enrollments\":[{\"registrationId\":\"x\"}],\"mode\":\"upsert\"}");

        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.message()).contains("at most 10", "11");
        assertThat(badMode.message()).contains("upsert", "create, update, updateIfMatchETag or delete");
        assertThat(api.get("/enrollments/d0").status()).isEqualTo(404);
    }
}
