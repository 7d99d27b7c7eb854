package dev.berth.hub.store;

import dev.berth.server.store.JdbcBerthStore;
import org.junit.jupiter.api.BeforeAll;

/**
 * The hub store contract on PostgreSQL, when {@code BERTH_TEST_POSTGRES_URL} names a database
 * ({@code .ci/start-postgres.sh} starts one); each test gets its own schema. Skipped without the URL, except
 * with {@code CI=true}, where a missing database is a failure.
 */
class PostgresHubStoreTest extends HubStoreContract {
    private final PostgresTestSchema schema = new PostgresTestSchema();

    @BeforeAll
    static void failInCiWithoutDatabase() {
        PostgresTestSchema.failInCiWithoutDatabase("hub store contract");
    }

    @Override
    protected JdbcBerthStore openProvisioningStore() {
        return schema.open("hub store contract");
    }

    @Override
    protected void discardDatabase() {
        schema.drop();
    }
}
