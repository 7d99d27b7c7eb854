package dev.berth.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What differs between the SQL databases Berth runs on. The statements themselves are shared: both
 * speak {@code INSERT ... ON CONFLICT}; they differ in how times are kept, in row locking and in
 * where their migrations live.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect {

    /** "sqlite" or "postgresql"; also the folder of the dialect's migrations under {@code db/migration}. */
    String name();

    /** Whether several processes (nodes) can share the database, rather than one process owning an embedded file. */
    boolean sharedAcrossProcesses();

    /** Appended to a SELECT that reads a row the transaction is about to change. */
    String lockForUpdate();

    /**
     * A statement that lets the current transaction commit without waiting for its log to reach disk, or empty
     * where the database has no such per-transaction setting.
     */
    String commitWithoutFlush();

    void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    Instant getInstant(ResultSet row, String column) throws SQLException;

    default String migrationLocation() {
        return "classpath:db/migration/" + name();
    }

    /**
     * Both databases keep microseconds at best; the store rounds every time it hands out the same way,
     * so a value read back equals the value returned on write.
     */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
