package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.enrollment;
import static dev.berth.server.store.StoreFixtures.enrollmentWithClientSuppliedStoreFields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Individual enrollments: case-insensitive lookup, store-owned fields, etags and If-Match, paging. */
interface EnrollmentStoreContract extends StoreUnderTest {

    @Test
    default void enrollment_is_found_by_its_registration_id_in_any_case() {
        store().putEnrollment(enrollment("Sensor-A1"), null);

        assertThat(store().findEnrollment("sensor-a1")).get()
                .extracting(IndividualEnrollment::registrationId).isEqualTo("Sensor-A1");
        assertThat(store().findEnrollment("SENSOR-A1").orElseThrow().attestation().symmetricKey().primaryKey())
                .isEqualTo("cHJpbWFyeQ==");
        assertThat(store().findEnrollment("sensor-a2")).isEmpty();
    }

    @Test
    default void store_sets_etag_and_times_and_drops_client_supplied_registration_state() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        IndividualEnrollment saved = store().putEnrollment(enrollmentWithClientSuppliedStoreFields("dev-1"), null);

        assertThat(saved.etag()).matches("\"[0-9a-f]{16}\"").isNotEqualTo("\"client-etag\"");
        assertThat(saved.registrationState()).isNull();
        assertThat(saved.createdDateTimeUtc()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(DpsTimestamps.parse(saved.createdDateTimeUtc())).isAfterOrEqualTo(before);
        assertThat(saved.lastUpdatedDateTimeUtc()).isEqualTo(saved.createdDateTimeUtc());
        assertThat(store().findEnrollment("dev-1")).contains(saved);
    }

    @Test
    default void each_write_gets_a_new_etag_and_keeps_the_created_time() {
        IndividualEnrollment first = store().putEnrollment(enrollment("dev-1", "first"), null);
        IndividualEnrollment second = store().putEnrollment(enrollment("DEV-1", "second"), null);

        assertThat(second.etag()).isNotEqualTo(first.etag());
        assertThat(second.createdDateTimeUtc()).isEqualTo(first.createdDateTimeUtc());
        assertThat(DpsTimestamps.parse(second.lastUpdatedDateTimeUtc()))
                .isAfterOrEqualTo(DpsTimestamps.parse(first.lastUpdatedDateTimeUtc()));
        IndividualEnrollment stored = store().findEnrollment("dev-1").orElseThrow();
        assertThat(stored.deviceId()).isEqualTo("second");
        assertThat(stored.registrationId()).as("the latest spelling is kept").isEqualTo("DEV-1");
        assertThat(store().listEnrollments(10, null).items()).hasSize(1);
    }

    @Test
    default void put_with_the_current_etag_succeeds_quoted_or_not_and_star_always_succeeds() {
        IndividualEnrollment v1 = store().putEnrollment(enrollment("dev-1"), null);
        IndividualEnrollment v2 = store().putEnrollment(enrollment("dev-1", "quoted"), v1.etag());
        IndividualEnrollment v3 = store().putEnrollment(enrollment("dev-1", "bare"), v2.etag().replace("\"", ""));
        IndividualEnrollment v4 = store().putEnrollment(enrollment("dev-1", "star"), "*");

        assertThat(List.of(v1.etag(), v2.etag(), v3.etag(), v4.etag())).doesNotHaveDuplicates();
        assertThat(store().findEnrollment("dev-1").orElseThrow().deviceId()).isEqualTo("star");
    }

    @Test
    default void put_with_a_stale_etag_fails_naming_both_etags_and_changes_nothing() {
        IndividualEnrollment v1 = store().putEnrollment(enrollment("dev-1", "first"), null);
        IndividualEnrollment v2 = store().putEnrollment(enrollment("dev-1", "second"), v1.etag());

        assertThatThrownBy(() -> store().putEnrollment(enrollment("dev-1", "third"), v1.etag()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("dev-1").hasMessageContaining(v1.etag()).hasMessageContaining(v2.etag());
        assertThat(store().findEnrollment("dev-1")).contains(v2);
    }

    @Test
    default void put_with_if_match_on_a_missing_enrollment_fails_and_creates_nothing() {
        assertThatThrownBy(() -> store().putEnrollment(enrollment("ghost"), "\"0123456789abcdef\""))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("ghost").hasMessageContaining("does not exist");
        assertThat(store().findEnrollment("ghost")).isEmpty();

        assertThat(store().putEnrollment(enrollment("ghost"), "*").etag()).isNotBlank();
    }

    @Test
    default void delete_without_etag_removes_and_a_second_delete_finds_nothing() {
        store().putEnrollment(enrollment("dev-1"), null);

        assertThat(store().deleteEnrollment("DEV-1", null)).isTrue();
        assertThat(store().findEnrollment("dev-1")).isEmpty();
        assertThat(store().deleteEnrollment("dev-1", null)).isFalse();
        assertThat(store().deleteEnrollment("dev-1", "\"0123456789abcdef\"")).isFalse();
    }

    @Test
    default void delete_with_a_stale_etag_fails_and_with_the_current_etag_succeeds() {
        IndividualEnrollment v1 = store().putEnrollment(enrollment("dev-1"), null);
        IndividualEnrollment v2 = store().putEnrollment(enrollment("dev-1"), null);

        assertThatThrownBy(() -> store().deleteEnrollment("dev-1", v1.etag()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining(v2.etag());
        assertThat(store().findEnrollment("dev-1")).isPresent();
        assertThat(store().deleteEnrollment("dev-1", v2.etag())).isTrue();
        assertThat(store().findEnrollment("dev-1")).isEmpty();
    }

    @Test
    default void twenty_five_enrollments_come_in_pages_of_ten_ten_and_five() {
        for (int i = 24; i >= 0; i--) {
            store().putEnrollment(enrollment(String.format("Device-%02d", i)), null);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String continuation = null;
        do {
            Page<IndividualEnrollment> page = store().listEnrollments(10, continuation);
            page.items().forEach(e -> seen.add(e.registrationId()));
            pageSizes.add(page.items().size());
            continuation = page.continuation();
            assertThat(continuation).as("never an empty token").isNotEqualTo("");
        } while (continuation != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(seen.get(0)).isEqualTo("Device-00");
    }

    @Test
    default void a_page_that_holds_everything_has_no_continuation() {
        for (int i = 0; i < 10; i++) {
            store().putEnrollment(enrollment("dev-" + i), null);
        }
        assertThat(store().listEnrollments(10, null).continuation()).isNull();
        assertThat(store().listEnrollments(100, null).items()).hasSize(10);
    }

    @Test
    default void bad_paging_arguments_are_refused_with_a_clear_message() {
        assertThatThrownBy(() -> store().listEnrollments(10, "%%%not-a-token"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("continuation token");
        assertThatThrownBy(() -> store().listEnrollments(0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("page size");
    }

    @Test
    default void an_enrollment_without_registration_id_is_refused() {
        assertThatThrownBy(() -> store().putEnrollment(enrollment(" "), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ID is missing");
    }
}
