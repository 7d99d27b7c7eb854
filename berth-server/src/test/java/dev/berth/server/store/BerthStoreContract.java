package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.assigned;
import static dev.berth.server.store.StoreFixtures.assignedRecord;
import static dev.berth.server.store.StoreFixtures.assigning;
import static dev.berth.server.store.StoreFixtures.enrollment;
import static dev.berth.server.store.StoreFixtures.symmetricKeyGroup;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store contract, written once and run on every backend: a subclass only says how to open (and
 * throw away) its database. The tests live in the interfaces this class implements, grouped by concern.
 */
abstract class BerthStoreContract implements EnrollmentStoreContract, GroupStoreContract,
        RegistrationStoreContract, ConcurrentWritesContract, CertificateIndexContract, CaCertificateStoreContract {

    private JdbcBerthStore store;
    private int migrationsOnFirstOpen;

    /** Opens this test's database; each call opens the same one, as a restarted server would. */
    protected abstract JdbcBerthStore openStore();

    /** Frees the database after the test. */
    protected void discardDatabase() {
    }

    @BeforeEach
    final void openTheStore() {
        store = openStore();
        migrationsOnFirstOpen = store.migrationsApplied();
    }

    @AfterEach
    final void closeTheStore() {
        if (store != null) {
            store.close();
        }
        discardDatabase();
    }

    @Override
    public final BerthStore store() {
        return store;
    }

    @Override
    public final BerthStore restart() {
        store.close();
        store = openStore();
        return store;
    }

    @Test
    void a_restart_keeps_enrollments_groups_registrations_operations_and_settings() {
        IndividualEnrollment enrollment = store.putEnrollment(enrollment("dev-1"), null);
        EnrollmentGroup group = store.putGroup(symmetricKeyGroup("group-1", "enabled"), null);
        // The databases keep microseconds; times with that precision come back unchanged.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Operation operation = assigning("op-1", "dev-1", now);
        store.createOperation(operation);
        Operation done = assigned(operation, now.plusMillis(5));
        RegistrationRecord registration = store.completeOperation(assignedRecord("dev-1", "device-1", null), done);
        store.settingIfAbsent("idScope", "0ne00000001");

        BerthStore restarted = restart();

        assertThat(restarted.findEnrollment("dev-1")).contains(enrollment);
        assertThat(restarted.findGroup("group-1")).contains(group);
        assertThat(restarted.symmetricKeyGroups()).containsExactly(group);
        assertThat(restarted.findRegistration("dev-1")).contains(registration);
        assertThat(restarted.findOperation("op-1")).contains(done);
        assertThat(restarted.setting("idScope")).contains("0ne00000001");
    }

    @Test
    void migrations_run_once_and_reopening_applies_none() {
        assertThat(migrationsOnFirstOpen).as("a new database gets the whole schema").isPositive();
        store.putEnrollment(enrollment("dev-1"), null);

        restart();
        assertThat(store.migrationsApplied()).isZero();
        restart();
        assertThat(store.migrationsApplied()).isZero();
        assertThat(store.findEnrollment("dev-1")).isPresent();
    }

    @Test
    void dialect_names_the_backend() {
        assertThat(store.dialect()).isIn("sqlite", "postgresql");
    }
}
