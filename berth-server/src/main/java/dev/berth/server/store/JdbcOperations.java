package dev.berth.server.store;

import dev.berth.protocol.dps.RegistrationStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Register operations: created when a device asks, completed with its registration, purged when old. */
final class JdbcOperations {
    private static final String INSERT = "INSERT INTO operations"
            + " (operation_id, registration_key, registration_id, status, created_at, updated_at, result_json)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;

    JdbcOperations(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void create(Operation operation) {
        Operation valid = requireValid(operation);
        String sql = INSERT + " ON CONFLICT (operation_id) DO NOTHING";
        int inserted = jdbc.autoCommit("create operation " + valid.operationId(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, valid);
                return statement.executeUpdate();
            }
        });
        if (inserted == 0) {
            throw new IllegalStateException("operation " + valid.operationId() + " already exists");
        }
    }

    /** Inside the transaction of {@code completeOperation}: the terminal state, whether or not the row was purged meanwhile. */
    void saveCompleted(Connection connection, Operation completed) throws SQLException {
        String sql = INSERT + " ON CONFLICT (operation_id) DO UPDATE SET status = excluded.status,"
                + " updated_at = excluded.updated_at, result_json = excluded.result_json";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, completed);
            statement.executeUpdate();
        }
    }

    Optional<Operation> find(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return Optional.empty();
        }
        String sql = "SELECT operation_id, registration_id, status, created_at, updated_at, result_json"
                + " FROM operations WHERE operation_id = ?";
        return jdbc.autoCommit("read operation " + operationId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, operationId);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    int purge(Instant cutoff) {
        if (cutoff == null) {
            throw new IllegalArgumentException("purge cutoff is missing");
        }
        return jdbc.autoCommit("purge operations", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM operations WHERE updated_at < ?")) {
                jdbc.dialect().setInstant(statement, 1, cutoff);
                return statement.executeUpdate();
            }
        });
    }

    /** Fills in missing times with now and rounds them as stored. */
    static Operation requireValid(Operation operation) {
        if (operation == null || operation.operationId() == null || operation.operationId().isBlank()) {
            throw new IllegalArgumentException("operation ID is missing");
        }
        StoreKeys.requireId("registration", operation.registrationId());
        if (operation.status() == null) {
            throw new IllegalArgumentException("operation " + operation.operationId() + " has no status");
        }
        Instant now = Instant.now();
        Instant created = SqlDialect.storable(operation.createdAt() == null ? now : operation.createdAt());
        Instant updated = SqlDialect.storable(operation.updatedAt() == null ? now : operation.updatedAt());
        return new Operation(operation.operationId(), operation.registrationId(), operation.status(),
                created, updated, operation.resultJson());
    }

    private void bind(PreparedStatement statement, Operation operation) throws SQLException {
        statement.setString(1, operation.operationId());
        statement.setString(2, StoreKeys.keyOf("registration", operation.registrationId()));
        statement.setString(3, operation.registrationId());
        statement.setString(4, operation.status().wireName());
        jdbc.dialect().setInstant(statement, 5, operation.createdAt());
        jdbc.dialect().setInstant(statement, 6, operation.updatedAt());
        statement.setString(7, operation.resultJson());
    }

    private Operation read(ResultSet row) throws SQLException {
        return new Operation(row.getString("operation_id"), row.getString("registration_id"),
                RegistrationStatus.fromWire(row.getString("status")), jdbc.dialect().getInstant(row, "created_at"),
                jdbc.dialect().getInstant(row, "updated_at"), row.getString("result_json"));
    }
}
