package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.assigned;
import static dev.berth.server.store.StoreFixtures.assignedRecord;
import static dev.berth.server.store.StoreFixtures.assigning;
import static dev.berth.server.store.StoreFixtures.enrollment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many nodes (threads here) writing the same rows at once end in one consistent state, without errors. */
interface ConcurrentWritesContract extends StoreUnderTest {
    int THREADS = 20;

    @Test
    default void twenty_concurrent_completions_of_one_registration_end_in_one_consistent_row() throws Exception {
        for (int i = 0; i < THREADS; i++) {
            store().createOperation(assigning("op-" + i, "racer", Instant.now()));
        }
        List<RegistrationRecord> saved = runConcurrently(THREADS, i -> () -> store().completeOperation(
                assignedRecord(i % 2 == 0 ? "racer" : "RACER", "device-" + i, "group-1"),
                assigned(store().findOperation("op-" + i).orElseThrow(), Instant.now())));

        RegistrationRecord stored = store().findRegistration("racer").orElseThrow();
        assertThat(saved).as("the row is the one some writer saved last").contains(stored);
        assertThat(saved).extracting(RegistrationRecord::etag).doesNotHaveDuplicates();
        assertThat(saved).extracting(RegistrationRecord::createdAt).containsOnly(saved.stream()
                .map(RegistrationRecord::createdAt).min(Instant::compareTo).orElseThrow());
        assertThat(store().listRegistrationsOfGroup("group-1", 100, null).items()).containsExactly(stored);
        for (int i = 0; i < THREADS; i++) {
            assertThat(store().findOperation("op-" + i).orElseThrow().status()).isEqualTo(RegistrationStatus.ASSIGNED);
        }
    }

    @Test
    default void of_twenty_writers_holding_the_same_etag_exactly_one_wins() throws Exception {
        IndividualEnrollment original = store().putEnrollment(enrollment("contested"), null);

        List<Boolean> outcomes = runConcurrently(THREADS, i -> () -> {
            try {
                store().putEnrollment(enrollment("contested", "writer-" + i), original.etag());
                return true;
            } catch (PreconditionFailedException lost) {
                return false;
            }
        });

        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        int winner = outcomes.indexOf(true);
        assertThat(store().findEnrollment("contested").orElseThrow().deviceId()).isEqualTo("writer-" + winner);
    }

    @Test
    default void of_twenty_create_only_writers_of_one_new_enrollment_exactly_one_wins() throws Exception {
        List<Boolean> outcomes = runConcurrently(THREADS, i -> () -> {
            try {
                store().putEnrollment(enrollment("first-come", "writer-" + i), Etags.CREATE_ONLY);
                return true;
            } catch (AlreadyExistsException lost) {
                return false;
            }
        });

        assertThat(outcomes).filteredOn(won -> won).hasSize(1);
        int winner = outcomes.indexOf(true);
        assertThat(store().findEnrollment("first-come").orElseThrow().deviceId()).isEqualTo("writer-" + winner);
    }

    @Test
    default void many_writers_creating_different_enrollments_all_succeed() throws Exception {
        int perThread = 15;
        runConcurrently(THREADS, i -> () -> {
            for (int n = 0; n < perThread; n++) {
                store().putEnrollment(enrollment("w" + i + "-" + n), null);
            }
            return null;
        });

        int total = 0;
        String continuation = null;
        do {
            Page<IndividualEnrollment> page = store().listEnrollments(100, continuation);
            total += page.items().size();
            continuation = page.continuation();
        } while (continuation != null);
        assertThat(total).isEqualTo(THREADS * perThread);
    }

    @Test
    default void two_nodes_racing_to_create_a_setting_both_get_the_first_stored_value() throws Exception {
        for (int round = 0; round < 10; round++) {
            String key = "idScope-" + round;
            List<String> seen = runConcurrently(2, i -> () -> store().settingIfAbsent(key, "value-from-node-" + i));

            assertThat(seen.get(0)).isEqualTo(seen.get(1));
            assertThat(store().setting(key)).contains(seen.get(0));
        }
    }

    @Test
    default void setting_if_absent_keeps_the_first_value() {
        assertThat(store().setting("serviceKey")).isEmpty();
        assertThat(store().settingIfAbsent("serviceKey", "first")).isEqualTo("first");
        assertThat(store().settingIfAbsent("serviceKey", "second")).isEqualTo("first");
        assertThat(store().setting("serviceKey")).contains("first");
    }

    /** Starts all tasks at once and returns their results in task order; any task's failure fails the test. */
    static <T> List<T> runConcurrently(int count, IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(count);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<T>> futures = new ArrayList<>();
            IntStream.range(0, count).forEach(i -> futures.add(pool.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return task.apply(i).call();
            })));
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
