package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.assigned;
import static dev.berth.server.store.StoreFixtures.assignedRecord;
import static dev.berth.server.store.StoreFixtures.assigning;
import static dev.berth.server.store.StoreFixtures.failedRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operations, and registration states saved with the operation that produced them. */
interface RegistrationStoreContract extends StoreUnderTest {

    @Test
    default void created_operation_is_found_by_its_id_with_its_times() {
        Instant at = Instant.parse("2025-03-01T10:15:30.123456Z");
        Operation operation = assigning("4.abc.def", "dev-1", at);
        store().createOperation(operation);

        assertThat(store().findOperation("4.abc.def")).contains(operation);
        assertThat(store().findOperation("4.abc.xyz")).isEmpty();
    }

    @Test
    default void many_registrations_are_read_at_once_by_id_ignoring_case_beyond_one_chunk() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 620; i++) {
            String id = "Batch-" + i;
            if (i % 3 == 0) {
                Operation operation = assigning("op-batch-" + i, id, Instant.now());
                store().createOperation(operation);
                store().completeOperation(assignedRecord(id, "device-" + i, null), assigned(operation, Instant.now()));
            }
            ids.add(i % 2 == 0 ? id.toUpperCase() : id);
        }

        var found = store().findRegistrations(ids);

        assertThat(found).hasSize(207);
        assertThat(found.get("batch-0").deviceId()).isEqualTo("device-0");
        assertThat(found.get("batch-603").registrationId()).isEqualTo("Batch-603");
        assertThat(found).doesNotContainKey("batch-1");
        assertThat(store().findRegistrations(List.of())).isEmpty();
    }

    @Test
    default void creating_an_operation_id_twice_is_refused() {
        Instant at = Instant.now();
        store().createOperation(assigning("op-1", "dev-1", at));

        assertThatThrownBy(() -> store().createOperation(assigning("op-1", "dev-2", at)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("op-1");
        assertThat(store().findOperation("op-1").orElseThrow().registrationId()).isEqualTo("dev-1");
    }

    @Test
    default void completing_an_operation_saves_the_registration_and_the_terminal_operation_together() {
        Operation operation = assigning("op-1", "Dev-1", Instant.now());
        store().createOperation(operation);
        Operation done = assigned(operation, Instant.now());

        RegistrationRecord saved = store().completeOperation(assignedRecord("Dev-1", "device-1", "Group-A"), done);

        assertThat(saved.etag()).matches("\"[0-9a-f]{16}\"");
        assertThat(saved.createdAt()).isNotNull();
        assertThat(saved.lastUpdatedAt()).isAfterOrEqualTo(saved.createdAt());
        assertThat(store().findRegistration("dev-1")).contains(saved);
        RegistrationRecord stored = store().findRegistration("DEV-1").orElseThrow();
        assertThat(stored.registrationId()).isEqualTo("Dev-1");
        assertThat(stored.assignedHub()).isEqualTo(StoreFixtures.HUB);
        assertThat(stored.substatus()).isEqualTo(Substatus.INITIAL_ASSIGNMENT);
        assertThat(stored.payloadJson()).isEqualTo("{\"answer\":42}");
        assertThat(stored.enrollmentGroupId()).isEqualTo("Group-A");
        Operation storedOperation = store().findOperation("op-1").orElseThrow();
        assertThat(storedOperation.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(storedOperation.resultJson()).isEqualTo(done.resultJson());
    }

    @Test
    default void a_second_registration_keeps_the_created_time_and_gets_a_new_etag() {
        Operation first = assigning("op-1", "dev-1", Instant.now());
        store().createOperation(first);
        RegistrationRecord one = store().completeOperation(assignedRecord("dev-1", "device-1", null), assigned(first, Instant.now()));
        Operation second = assigning("op-2", "dev-1", Instant.now());
        store().createOperation(second);
        RegistrationRecord two = store().completeOperation(failedRecord("DEV-1"), assigned(second, Instant.now()));

        assertThat(two.createdAt()).isEqualTo(one.createdAt());
        assertThat(two.etag()).isNotEqualTo(one.etag());
        RegistrationRecord stored = store().findRegistration("dev-1").orElseThrow();
        assertThat(stored).isEqualTo(two);
        assertThat(stored.status()).isEqualTo(RegistrationStatus.FAILED);
        assertThat(stored.errorCode()).isEqualTo(401002);
        assertThat(stored.assignedHub()).isNull();
    }

    @Test
    default void an_operation_that_is_not_terminal_cannot_complete() {
        Operation operation = assigning("op-1", "dev-1", Instant.now());
        store().createOperation(operation);

        assertThatThrownBy(() -> store().completeOperation(assignedRecord("dev-1", "d", null), operation))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not complete");
        assertThatThrownBy(() -> store().completeOperation(assignedRecord("dev-2", "d", null), assigned(operation, Instant.now())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to registration");
        assertThat(store().findRegistration("dev-1")).isEmpty();
    }

    @Test
    default void purge_deletes_only_operations_last_updated_before_the_cutoff() {
        Instant now = Instant.now();
        store().createOperation(assigning("old-1", "dev-1", now.minus(2, ChronoUnit.HOURS)));
        store().createOperation(assigning("old-2", "dev-2", now.minus(90, ChronoUnit.MINUTES)));
        store().createOperation(assigning("fresh", "dev-3", now));

        assertThat(store().purgeOperations(now.minus(1, ChronoUnit.HOURS))).isEqualTo(2);
        assertThat(store().findOperation("old-1")).isEmpty();
        assertThat(store().findOperation("fresh")).isPresent();
        assertThat(store().purgeOperations(now.minus(1, ChronoUnit.HOURS))).isZero();
    }

    @Test
    default void delete_registration_honours_if_match() {
        Operation operation = assigning("op-1", "dev-1", Instant.now());
        store().createOperation(operation);
        RegistrationRecord saved = store().completeOperation(assignedRecord("dev-1", "d", null), assigned(operation, Instant.now()));

        assertThatThrownBy(() -> store().deleteRegistration("dev-1", "\"0000000000000000\""))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining(saved.etag());
        assertThat(store().deleteRegistration("DEV-1", saved.etag().replace("\"", ""))).isTrue();
        assertThat(store().findRegistration("dev-1")).isEmpty();
        assertThat(store().deleteRegistration("dev-1", null)).isFalse();
    }

    @Test
    default void registrations_of_a_group_come_in_pages_in_id_order() {
        for (int i = 0; i < 25; i++) {
            String id = String.format("dev-%02d", 24 - i);
            Operation operation = assigning("op-" + i, id, Instant.now());
            store().createOperation(operation);
            store().completeOperation(assignedRecord(id, id, i % 5 == 4 ? "other-group" : "Group-A"), assigned(operation, Instant.now()));
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String continuation = null;
        do {
            Page<RegistrationRecord> page = store().listRegistrationsOfGroup("group-a", 10, continuation);
            page.items().forEach(r -> seen.add(r.registrationId()));
            pageSizes.add(page.items().size());
            continuation = page.continuation();
        } while (continuation != null);

        assertThat(pageSizes).containsExactly(10, 10);
        assertThat(seen).hasSize(20).doesNotHaveDuplicates().isSorted();
        assertThat(store().listRegistrationsOfGroup("other-group", 10, null).items()).hasSize(5);
        assertThat(store().listRegistrationsOfGroup("no-such-group", 10, null).items()).isEmpty();
    }
}
