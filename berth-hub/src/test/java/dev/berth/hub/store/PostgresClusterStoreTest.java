package dev.berth.hub.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.server.store.JdbcBerthStore;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

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

    /** Only PostgreSQL has LISTEN/NOTIFY; on SQLite one node runs alone. */
    @Test
    void on_postgresql_an_event_notifies_its_node_when_it_commits() throws Exception {
        assertThat(hub.cluster().isShared()).isTrue();
        try (Connection listening = provisioning.dataSource().getConnection(); Statement statement = listening.createStatement()) {
            statement.execute("LISTEN " + HubEvent.channel("node-A"));
            store.send(HubEvent.to("node-B", HubEvent.CLOUD_TO_DEVICE, "dev-1", null));
            store.send(HubEvent.to("node-A", HubEvent.CLOUD_TO_DEVICE, "dev-1", null));
            PGNotification[] notifications = listening.unwrap(PGConnection.class).getNotifications(5_000);
            assertThat(notifications).isNotNull().hasSize(1);
            assertThat(notifications[0].getName()).isEqualTo(HubEvent.channel("node-A"));
        }
    }
}
