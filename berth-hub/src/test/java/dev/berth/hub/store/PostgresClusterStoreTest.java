package dev.berth.hub.store;

import dev.berth.server.store.JdbcBerthStore;
import org.junit.jupiter.api.BeforeAll;

/** The store parts for several hub nodes on PostgreSQL (the database they share); see {@link PostgresHubStoreTest}. */
class PostgresClusterStoreTest extends ClusterStoreContract {
    private final PostgresTestSchema schema = new PostgresTestSchema();

    @BeforeAll
    static void failInCiWithoutDatabase() {
        PostgresTestSchema.failInCiWithoutDatabase("cluster store contract");
    }

    @Override
    protected JdbcBerthStore openProvisioningStore() {
        return schema.open("cluster store contract");
    }

    @Override
    protected void discardDatabase() {
        schema.drop();
    }
}
