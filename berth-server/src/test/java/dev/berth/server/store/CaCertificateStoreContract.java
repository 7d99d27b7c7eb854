package dev.berth.server.store;

import static dev.berth.server.store.X509StoreFixtures.ca;
import static dev.berth.server.store.X509StoreFixtures.caReferenceGroup;
import static dev.berth.server.store.X509StoreFixtures.thumbprint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The registry of named CA certificates: etags, case-insensitive names, one name per certificate. */
interface CaCertificateStoreContract extends StoreUnderTest {

    @Test
    default void ca_is_found_by_name_in_any_case_and_by_thumbprint_with_store_owned_fields_set() {
        CaCertificateRecord saved = store().putCaCertificate(ca("Root-1", thumbprint(1).toLowerCase(Locale.ROOT), false, null), null);

        assertThat(saved.name()).isEqualTo("Root-1");
        assertThat(saved.sha256Thumbprint()).isEqualTo(thumbprint(1));
        assertThat(saved.etag()).matches("\"[0-9a-f]{16}\"");
        assertThat(saved.createdAt()).isNotNull().isEqualTo(saved.updatedAt());
        assertThat(store().findCaCertificate("root-1")).contains(saved);
        assertThat(store().findCaCertificate("ROOT-1")).contains(saved);
        assertThat(store().findCaCertificateByThumbprint(thumbprint(1).toLowerCase(Locale.ROOT))).contains(saved);
        assertThat(store().findCaCertificate("root-2")).isEmpty();
        assertThat(store().findCaCertificateByThumbprint(thumbprint(2))).isEmpty();
    }

    @Test
    default void verification_state_is_stored_as_given_and_survives_a_restart() {
        CaCertificateRecord pending = store().putCaCertificate(ca("root", thumbprint(1), false, "ABC123"), null);
        CaCertificateRecord verified = store().putCaCertificate(ca("root", thumbprint(1), true, null), pending.etag());

        assertThat(pending.verificationCode()).isEqualTo("ABC123");
        assertThat(pending.verified()).isFalse();
        assertThat(verified.verified()).isTrue();
        assertThat(verified.verificationCode()).isNull();
        assertThat(verified.createdAt()).isEqualTo(pending.createdAt());
        assertThat(verified.etag()).isNotEqualTo(pending.etag());
        assertThat(restart().findCaCertificate("root")).contains(verified);
    }

    @Test
    default void ca_if_match_follows_the_same_rules_as_enrollments() {
        CaCertificateRecord v1 = store().putCaCertificate(ca("root", thumbprint(1), false, null), null);
        CaCertificateRecord v2 = store().putCaCertificate(ca("root", thumbprint(2), false, null), v1.etag().replace("\"", ""));

        assertThatThrownBy(() -> store().putCaCertificate(ca("root", thumbprint(3), false, null), v1.etag()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining(v1.etag()).hasMessageContaining(v2.etag());
        assertThatThrownBy(() -> store().putCaCertificate(ca("new", thumbprint(4), false, null), v1.etag()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> store().deleteCaCertificate("root", v1.etag())).isInstanceOf(PreconditionFailedException.class);

        assertThat(store().findCaCertificateByThumbprint(thumbprint(1))).as("the replaced certificate is gone").isEmpty();
        assertThat(store().deleteCaCertificate("ROOT", "*")).isTrue();
        assertThat(store().deleteCaCertificate("root", null)).isFalse();
        assertThat(store().findCaCertificate("root")).isEmpty();
    }

    @Test
    default void the_same_certificate_under_a_second_name_is_a_conflict_naming_the_first() {
        store().putCaCertificate(ca("first", thumbprint(1), false, null), null);

        assertThatThrownBy(() -> store().putCaCertificate(ca("second", thumbprint(1), true, null), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'first'").hasMessageContaining(thumbprint(1));
        assertThat(store().findCaCertificate("second")).isEmpty();
    }

    @Test
    default void a_ca_referenced_by_groups_cannot_be_deleted_until_they_let_go() {
        store().putCaCertificate(ca("Root", thumbprint(1), true, null), null);
        store().putGroup(caReferenceGroup("g-2", "root", null), null);
        store().putGroup(caReferenceGroup("g-1", "other", "ROOT"), null);

        assertThatThrownBy(() -> store().deleteCaCertificate("root", null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("'Root'").hasMessageContaining("g-1, g-2");
        assertThat(store().findCaCertificate("root")).isPresent();

        store().deleteGroup("g-1", null);
        store().putGroup(caReferenceGroup("g-2", "other", null), null);
        assertThat(store().deleteCaCertificate("root", null)).isTrue();
    }

    @Test
    default void twelve_cas_come_in_pages_of_five_in_name_order() {
        for (int i = 0; i < 12; i++) {
            store().putCaCertificate(ca("ca-" + (100 + (i * 7) % 12), thumbprint(i), false, null), null);
        }
        List<String> seen = new ArrayList<>();
        String continuation = null;
        do {
            Page<CaCertificateRecord> page = store().listCaCertificates(5, continuation);
            assertThat(page.items().size()).isLessThanOrEqualTo(5);
            page.items().forEach(ca -> seen.add(ca.name()));
            continuation = page.continuation();
        } while (continuation != null);

        assertThat(seen).hasSize(12).isSorted().doesNotHaveDuplicates();
    }
}
