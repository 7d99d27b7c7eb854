package dev.berth.server.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Brings the schema up to date with the dialect's Flyway migrations; safe to run on every start, by every node. */
final class Migrations {
    private Migrations() {
    }

    /** @return how many migrations this call applied (0 when the schema was already current) */
    static int apply(DataSource dataSource, SqlDialect dialect) {
        try {
            return Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(dialect.migrationLocation())
                    .failOnMissingLocations(true)
                    .load()
                    .migrate()
                    .migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("cannot bring the " + dialect.name() + " schema up to date: " + e.getMessage(), e);
        }
    }
}
