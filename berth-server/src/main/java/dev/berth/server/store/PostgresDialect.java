package dev.berth.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** PostgreSQL (and Postgres-compatible SQL): TIMESTAMPTZ columns and {@code SELECT ... FOR UPDATE}. */
record PostgresDialect() implements SqlDialect {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public String lockForUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public boolean sharedAcrossProcesses() {
        return true;
    }

    @Override
    public String commitWithoutFlush() {
        return "SET LOCAL synchronous_commit TO OFF";
    }

    @Override
    public void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    @Override
    public Instant getInstant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
