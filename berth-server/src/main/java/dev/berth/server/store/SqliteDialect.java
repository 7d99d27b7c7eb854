package dev.berth.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * SQLite has no time type: times are INTEGER microseconds since the epoch, which sort and compare
 * correctly. No row locks either: transactions begin IMMEDIATE (see {@link SqliteBerthStore}), which
 * takes the database's single write lock up front.
 */
record SqliteDialect() implements SqlDialect {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String lockForUpdate() {
        return "";
    }

    @Override
    public boolean sharedAcrossProcesses() {
        return false;
    }

    @Override
    public String commitWithoutFlush() {
        return ""; // PRAGMA synchronous is per connection, not per transaction; one node has no traffic of this kind
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, ChronoUnit.MICROS.between(Instant.EPOCH, value));
        }
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        long micros = row.getLong(column);
        return row.wasNull() ? null : Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}
