package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.api.ServiceApiFixture.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code If-None-Match: *} on a PUT creates only, checked in the write's transaction. */
class CreateOnlyPutTest extends ServiceApiTestBase {
    private static final String SYMMETRIC = "{\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{}}}";

    private Reply createOnly(String path) {
        return api.call("PUT", path).header("If-None-Match", "*").body(SYMMETRIC).send();
    }

    @Test
    void create_only_put_creates_a_new_enrollment_and_refuses_an_existing_one_with_412() {
        Reply created = createOnly("/enrollments/new-device");
        String etag = created.json().path("etag").asText();
        Reply again = createOnly("/enrollments/NEW-DEVICE");

        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(again.status()).as(again.toString()).isEqualTo(412);
        assertThat(again.errorCode()).isEqualTo(412002);
        assertThat(again.message()).contains("'NEW-DEVICE' already exists").contains("without If-None-Match");
        assertThat(api.get("/enrollments/new-device").json().path("etag").asText()).as("the first one is untouched").isEqualTo(etag);
    }

    @Test
    void create_only_put_works_for_groups_too() {
        assertThat(createOnly("/enrollmentGroups/floor-1").status()).isEqualTo(200);
        Reply again = createOnly("/enrollmentGroups/floor-1");

        assertThat(again.status()).isEqualTo(412);
        assertThat(again.message()).contains("already exists");
    }

    @Test
    void of_concurrent_create_only_puts_exactly_one_wins() throws Exception {
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return createOnly("/enrollments/raced-device");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                statuses.add(reply.get().status());
            }

            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 412).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void if_none_match_other_than_star_is_refused_with_a_reason() {
        Reply reply = api.call("PUT", "/enrollments/dev").header("If-None-Match", "\"abc\"").body(SYMMETRIC).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo(400000);
        assertThat(reply.message()).contains("only as '*'");
        assertThat(api.get("/enrollments/dev").status()).as("nothing was written").isEqualTo(404);
    }

    @Test
    void if_none_match_with_an_if_match_etag_is_refused_as_contradictory() {
        Reply reply = api.call("PUT", "/enrollments/dev").header("If-None-Match", "*").header("If-Match", "\"abc\"")
                .body(SYMMETRIC).send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).contains("contradict");
    }

    @Test
    void if_none_match_on_delete_is_refused() {
        api.put("/enrollments/dev", SYMMETRIC);

        Reply reply = api.call("DELETE", "/enrollments/dev").header("If-None-Match", "*").send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.message()).contains("applies to PUT");
        assertThat(api.get("/enrollments/dev").status()).isEqualTo(200);
    }
}
