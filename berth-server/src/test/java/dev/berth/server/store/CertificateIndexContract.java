package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.enrollment;
import static dev.berth.server.store.StoreFixtures.symmetricKeyGroup;
import static dev.berth.server.store.X509StoreFixtures.caReferenceGroup;
import static dev.berth.server.store.X509StoreFixtures.signingCertificateGroup;
import static dev.berth.server.store.X509StoreFixtures.thumbprint;
import static dev.berth.server.store.X509StoreFixtures.x509Enrollment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.service.EnrollmentGroup;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** X.509 enrollments found by their certificates' thumbprints and CA names; a certificate in one enrollment only. */
interface CertificateIndexContract extends StoreUnderTest {

    @Test
    default void individual_enrollment_is_found_by_the_thumbprints_of_both_its_client_certificates() {
        store().putEnrollment(x509Enrollment("Dev-X", thumbprint(1), thumbprint(2)), null);

        assertThat(store().findCertificateOwner(thumbprint(1))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "Dev-X"));
        assertThat(store().findCertificateOwner(thumbprint(2).toLowerCase(Locale.ROOT)))
                .contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "Dev-X"));
        assertThat(store().findCertificateOwner(thumbprint(3))).isEmpty();
        assertThat(store().findGroupBySigningCertificate(thumbprint(1))).as("a client certificate signs no group").isEmpty();
    }

    @Test
    default void group_is_found_by_its_signing_certificates_and_x509_groups_lists_only_x509_groups() {
        EnrollmentGroup saved = store().putGroup(signingCertificateGroup("Floor-1", thumbprint(10), thumbprint(11)), null);
        store().putGroup(symmetricKeyGroup("keys", "enabled"), null);
        EnrollmentGroup byCa = store().putGroup(caReferenceGroup("by-ca", "Root-1", null), null);

        assertThat(store().findGroupBySigningCertificate(thumbprint(10))).contains(saved);
        assertThat(store().findGroupBySigningCertificate(thumbprint(11).toLowerCase(Locale.ROOT))).contains(saved);
        assertThat(store().findCertificateOwner(thumbprint(11))).contains(new CertificateOwner(CertificateOwner.GROUP, "Floor-1"));
        assertThat(store().x509Groups()).containsExactly(byCa, saved);
    }

    @Test
    default void a_certificate_already_in_another_enrollment_is_a_conflict_that_names_the_owner() {
        store().putEnrollment(x509Enrollment("first", thumbprint(1), null), null);
        store().putGroup(signingCertificateGroup("group-a", thumbprint(5), null), null);

        assertThatThrownBy(() -> store().putEnrollment(x509Enrollment("second", thumbprint(9), thumbprint(1)), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining(thumbprint(1)).hasMessageContaining("individual enrollment 'first'");
        assertThatThrownBy(() -> store().putGroup(signingCertificateGroup("group-b", thumbprint(1), null), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("individual enrollment 'first'");
        assertThatThrownBy(() -> store().putEnrollment(x509Enrollment("third", thumbprint(5), null), null))
                .isInstanceOf(ConflictException.class).hasMessageContaining("enrollment group 'group-a'");

        assertThat(store().findEnrollment("second")).as("the refused write left nothing behind").isEmpty();
        assertThat(store().findCertificateOwner(thumbprint(9))).isEmpty();
        assertThat(store().findGroup("group-b")).isEmpty();
    }

    @Test
    default void a_conflicting_update_keeps_the_previous_version_and_its_certificates() {
        store().putEnrollment(x509Enrollment("owner", thumbprint(1), null), null);
        var previous = store().putEnrollment(x509Enrollment("other", thumbprint(2), null), null);

        assertThatThrownBy(() -> store().putEnrollment(x509Enrollment("other", thumbprint(1), null), null))
                .isInstanceOf(ConflictException.class);

        assertThat(store().findEnrollment("other")).contains(previous);
        assertThat(store().findCertificateOwner(thumbprint(2))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "other"));
    }

    @Test
    default void resaving_keeps_an_enrollments_own_certificates_and_a_replaced_certificate_is_freed() {
        store().putEnrollment(x509Enrollment("dev", thumbprint(1), thumbprint(2)), null);
        store().putEnrollment(x509Enrollment("DEV", thumbprint(1), thumbprint(2)), null);
        store().putEnrollment(x509Enrollment("dev", thumbprint(1), thumbprint(3)), null);

        assertThat(store().findCertificateOwner(thumbprint(2))).isEmpty();
        assertThat(store().findCertificateOwner(thumbprint(3))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "dev"));
        store().putEnrollment(x509Enrollment("another", thumbprint(2), null), null);
        assertThat(store().findCertificateOwner(thumbprint(2))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "another"));
    }

    @Test
    default void the_same_certificate_as_primary_and_secondary_of_one_enrollment_is_no_conflict() {
        store().putEnrollment(x509Enrollment("twice", thumbprint(4), thumbprint(4)), null);

        assertThat(store().findCertificateOwner(thumbprint(4))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "twice"));
    }

    @Test
    default void changing_an_enrollment_to_symmetric_key_or_deleting_it_frees_its_certificates() {
        store().putEnrollment(x509Enrollment("dev", thumbprint(1), null), null);
        store().putGroup(signingCertificateGroup("grp", thumbprint(2), null), null);

        store().putEnrollment(enrollment("dev"), null);
        assertThat(store().deleteGroup("GRP", null)).isTrue();

        assertThat(store().findCertificateOwner(thumbprint(1))).isEmpty();
        assertThat(store().findCertificateOwner(thumbprint(2))).isEmpty();
        assertThat(store().findGroupBySigningCertificate(thumbprint(2))).isEmpty();
        store().putEnrollment(x509Enrollment("dev-2", thumbprint(1), null), null);
        assertThat(store().deleteEnrollment("dev-2", null)).isTrue();
        assertThat(store().findCertificateOwner(thumbprint(1))).isEmpty();
    }

    @Test
    default void groups_are_found_by_the_ca_names_they_reference_in_any_case_in_id_order() {
        EnrollmentGroup b = store().putGroup(caReferenceGroup("b-group", "Root-CA", null), null);
        EnrollmentGroup a = store().putGroup(caReferenceGroup("A-group", "other-ca", "root-ca"), null);
        store().putGroup(caReferenceGroup("c-group", "other-ca", null), null);

        assertThat(store().findGroupsByCaReference("ROOT-CA")).containsExactly(a, b);
        assertThat(store().findGroupsByCaReference("nobody")).isEmpty();

        store().putGroup(caReferenceGroup("b-group", "other-ca", null), null);
        store().deleteGroup("a-group", null);
        assertThat(store().findGroupsByCaReference("root-ca")).isEmpty();
        assertThat(store().findGroupsByCaReference("other-ca")).extracting(EnrollmentGroup::enrollmentGroupId)
                .containsExactly("b-group", "c-group");
    }

    @Test
    default void the_certificate_index_survives_a_restart() {
        store().putEnrollment(x509Enrollment("dev", thumbprint(1), null), null);
        EnrollmentGroup group = store().putGroup(signingCertificateGroup("grp", thumbprint(2), null), null);

        BerthStore restarted = restart();

        assertThat(restarted.findCertificateOwner(thumbprint(1))).contains(new CertificateOwner(CertificateOwner.INDIVIDUAL, "dev"));
        assertThat(restarted.findGroupBySigningCertificate(thumbprint(2))).contains(group);
    }

    @Test
    default void of_twenty_enrollments_racing_for_one_certificate_exactly_one_gets_it() throws Exception {
        List<Boolean> outcomes = ConcurrentWritesContract.runConcurrently(ConcurrentWritesContract.THREADS, i -> () -> {
            try {
                store().putEnrollment(x509Enrollment("racer-" + i, thumbprint(77), null), null);
                return true;
            } catch (ConflictException lost) {
                return false;
            }
        });

        assertThat(outcomes).containsOnlyOnce(true);
        CertificateOwner owner = store().findCertificateOwner(thumbprint(77)).orElseThrow();
        assertThat(store().listEnrollments(100, null).items()).singleElement()
                .satisfies(e -> assertThat(e.registrationId()).isEqualTo(owner.id()));
    }
}
