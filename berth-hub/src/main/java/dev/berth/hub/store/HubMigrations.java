package dev.berth.hub.store;

import dev.berth.server.store.SqlDialect;
import dev.berth.server.store.StoreException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings the hub's tables up to date. They live in the provisioning database, so the hub keeps its own Flyway
 * history table and treats the provisioning tables it finds as a baseline (version 0) rather than a reason to
 * stop. Safe to run on every start, by every node.
 */
final class HubMigrations {
    static final String HISTORY_TABLE = "berth_hub_schema_history";

    private HubMigrations() {
    }

    /** @return how many migrations this call applied */
    static int apply(DataSource dataSource, SqlDialect dialect) {
        try {
            return Flyway.configure(HubMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .table(HISTORY_TABLE)
                    .locations("classpath:db/hub/" + dialect.name())
                    .failOnMissingLocations(true)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the hub's " + dialect.name() + " tables up to date: " + e.getMessage(), e);
        }
    }
}
