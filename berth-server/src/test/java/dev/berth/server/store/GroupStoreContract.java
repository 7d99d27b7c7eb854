package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.symmetricKeyGroup;
import static dev.berth.server.store.StoreFixtures.x509Group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.service.EnrollmentGroup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enrollment groups: the same rules as individual enrollments, plus the symmetric-key lookup of the device path. */
interface GroupStoreContract extends StoreUnderTest {

    @Test
    default void group_is_found_by_its_id_in_any_case_with_store_owned_fields_set() {
        EnrollmentGroup saved = store().putGroup(symmetricKeyGroup("Floor-3", "enabled"), null);

        assertThat(saved.etag()).matches("\"[0-9a-f]{16}\"");
        assertThat(saved.createdDateTimeUtc()).isNotNull().isEqualTo(saved.lastUpdatedDateTimeUtc());
        assertThat(store().findGroup("floor-3")).contains(saved);
        assertThat(store().findGroup("FLOOR-3")).contains(saved);
        assertThat(store().findGroup("floor-4")).isEmpty();
    }

    @Test
    default void group_if_match_follows_the_same_rules_as_enrollments() {
        EnrollmentGroup v1 = store().putGroup(symmetricKeyGroup("g1", "enabled"), null);
        EnrollmentGroup v2 = store().putGroup(symmetricKeyGroup("g1", "disabled"), v1.etag().replace("\"", ""));

        assertThat(v2.etag()).isNotEqualTo(v1.etag());
        assertThat(v2.createdDateTimeUtc()).isEqualTo(v1.createdDateTimeUtc());
        assertThatThrownBy(() -> store().putGroup(symmetricKeyGroup("g1", "enabled"), v1.etag()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining(v1.etag()).hasMessageContaining(v2.etag());
        assertThatThrownBy(() -> store().putGroup(symmetricKeyGroup("g2", "enabled"), v1.etag()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store().deleteGroup("g1", v1.etag())).isInstanceOf(PreconditionFailedException.class);

        assertThat(store().deleteGroup("G1", v2.etag())).isTrue();
        assertThat(store().deleteGroup("g1", null)).isFalse();
        assertThat(store().findGroup("g1")).isEmpty();
    }

    @Test
    default void symmetric_key_groups_lists_every_symmetric_key_group_and_no_other_in_id_order() {
        store().putGroup(symmetricKeyGroup("b-disabled", "disabled"), null);
        store().putGroup(x509Group("a-x509"), null);
        store().putGroup(symmetricKeyGroup("A-enabled", "enabled"), null);
        store().putGroup(x509Group("c-x509"), null);

        assertThat(store().symmetricKeyGroups()).extracting(EnrollmentGroup::enrollmentGroupId)
                .containsExactly("A-enabled", "b-disabled");
    }

    @Test
    default void a_group_changed_to_x509_leaves_the_symmetric_key_list() {
        store().putGroup(symmetricKeyGroup("g1", "enabled"), null);
        store().putGroup(x509Group("g1"), null);

        assertThat(store().symmetricKeyGroups()).isEmpty();
        assertThat(store().findGroup("g1").orElseThrow().attestation().type()).isEqualTo("x509");
    }

    @Test
    default void twenty_five_groups_come_in_pages_of_ten_ten_and_five() {
        for (int i = 0; i < 25; i++) {
            store().putGroup(i % 2 == 0 ? symmetricKeyGroup("group-" + (100 + i), "enabled") : x509Group("group-" + (100 + i)), null);
        }
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String continuation = null;
        do {
            Page<EnrollmentGroup> page = store().listGroups(10, continuation);
            page.items().forEach(g -> seen.add(g.enrollmentGroupId()));
            pageSizes.add(page.items().size());
            continuation = page.continuation();
        } while (continuation != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
        assertThat(store().symmetricKeyGroups()).hasSize(13);
    }
}
