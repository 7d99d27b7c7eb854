package dev.berth.server.store;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Registration states, saved together with the operation that produced them. */
final class JdbcRegistrations {
    private static final String NOUN = "registration";
    private static final int ATTEMPTS_AT_CREATE_RACE = 3;
    private static final String COLUMNS = "registration_id, device_id, assigned_hub, status, substatus, error_code,"
            + " error_message, created_at, last_updated_at, etag, payload_json, enrollment_group_id";

    private record Current(String etag, Instant created) {
    }

    private final Jdbc jdbc;
    private final JdbcOperations operations;

    JdbcRegistrations(Jdbc jdbc, JdbcOperations operations) {
        this.jdbc = jdbc;
        this.operations = operations;
    }

    Optional<RegistrationRecord> find(String registrationId) {
        String key = StoreKeys.keyOf(NOUN, registrationId);
        return jdbc.autoCommit("read registration '" + registrationId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM registrations WHERE registration_key = ?")) {
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.empty();
                }
            }
        });
    }

    Map<String, RegistrationRecord> findAll(Collection<String> registrationIds) {
        Map<String, RegistrationRecord> found = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        jdbc.readInChunks("read registrations", "SELECT " + COLUMNS + " FROM registrations WHERE registration_key IN (%s)",
                registrationIds.stream().map(id -> StoreKeys.keyOf(NOUN, id)).toList(), Jdbc.TrailingParameters.NONE, row -> {
                    RegistrationRecord record = read(row);
                    found.put(record.registrationId(), record);
                });
        return found;
    }

    RegistrationRecord complete(RegistrationRecord record, Operation completed) {
        String id = requireValid(record, completed);
        String key = StoreKeys.keyOf(NOUN, id);
        Operation operation = JdbcOperations.requireValid(completed);
        Instant lastUpdated = SqlDialect.storable(record.lastUpdatedAt() == null ? Instant.now() : record.lastUpdatedAt());
        return jdbc.inTransaction("save registration '" + id + "'", connection -> {
            for (int attempt = 1; attempt <= ATTEMPTS_AT_CREATE_RACE; attempt++) {
                Current current = current(connection, key);
                RegistrationRecord stored = stamped(record, current, lastUpdated);
                if (current != null) {
                    write(connection, "UPDATE registrations SET registration_id = ?, device_id = ?, assigned_hub = ?,"
                            + " status = ?, substatus = ?, error_code = ?, error_message = ?, created_at = ?,"
                            + " last_updated_at = ?, etag = ?, payload_json = ?, enrollment_group_id = ?,"
                            + " enrollment_group_key = ? WHERE registration_key = ?", stored, key);
                } else if (write(connection, "INSERT INTO registrations (" + COLUMNS + ", enrollment_group_key,"
                        + " registration_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (registration_key) DO NOTHING", stored, key) == 0) {
                    continue; // another node created it since our read: go round and replace it
                }
                operations.saveCompleted(connection, operation);
                return stored;
            }
            throw new SQLException("registration '" + id + "' kept changing while being saved");
        });
    }

    boolean delete(String registrationId, String ifMatch) {
        String key = StoreKeys.keyOf(NOUN, registrationId);
        return jdbc.inTransaction("delete registration '" + registrationId + "'", connection -> {
            Current current = current(connection, key);
            if (current == null) {
                return false;
            }
            Etags.check(NOUN, registrationId, ifMatch, current.etag());
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM registrations WHERE registration_key = ?")) {
                statement.setString(1, key);
                return statement.executeUpdate() == 1;
            }
        });
    }

    Page<RegistrationRecord> listOfGroup(String enrollmentGroupId, int maxItems, String continuation) {
        String groupKey = StoreKeys.keyOf("enrollment group", enrollmentGroupId);
        KeysetPages.requirePageSize(maxItems);
        String after = KeysetPages.keyOf(continuation);
        String sql = "SELECT registration_key, " + COLUMNS + " FROM registrations WHERE enrollment_group_key = ?"
                + " AND registration_key > ? ORDER BY registration_key LIMIT ?";
        return jdbc.autoCommit("list registrations of group '" + enrollmentGroupId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, groupKey);
                statement.setString(2, after);
                statement.setInt(3, maxItems + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return KeysetPages.collect(rows, maxItems, "registration_key", this::read);
                }
            }
        });
    }

    private static String requireValid(RegistrationRecord record, Operation completed) {
        if (record == null || completed == null) {
            throw new IllegalArgumentException("a completed operation needs both its registration and its operation");
        }
        String id = StoreKeys.requireId(NOUN, record.registrationId());
        if (record.status() == null) {
            throw new IllegalArgumentException("registration '" + id + "' has no status");
        }
        if (completed.registrationId() == null || !completed.registrationId().equalsIgnoreCase(id)) {
            throw new IllegalArgumentException("operation " + completed.operationId() + " belongs to registration '"
                    + completed.registrationId() + "', not '" + id + "'");
        }
        if (completed.status() == null || !completed.status().isTerminal()) {
            throw new IllegalArgumentException("operation " + completed.operationId()
                    + " is not complete: its status is " + completed.status());
        }
        return id;
    }

    /**
     * Created is kept from an existing row; the etag is the caller's when it brings a new one (so that the
     * answer already sent to the device names the stored version), else a fresh one.
     */
    private static RegistrationRecord stamped(RegistrationRecord record, Current current, Instant lastUpdated) {
        Instant created = current != null ? current.created()
                : record.createdAt() != null ? SqlDialect.storable(record.createdAt()) : lastUpdated;
        return new RegistrationRecord(record.registrationId(), record.deviceId(), record.assignedHub(),
                record.status(), record.substatus(), record.errorCode(), record.errorMessage(), created, lastUpdated,
                etag(record, current), record.payloadJson(), record.enrollmentGroupId());
    }

    private static String etag(RegistrationRecord record, Current current) {
        String previous = current == null ? null : current.etag();
        return record.etag() != null && !record.etag().equals(previous) ? record.etag() : Etags.next(previous);
    }

    private Current current(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT etag, created_at FROM registrations"
                + " WHERE registration_key = ?" + jdbc.dialect().lockForUpdate())) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new Current(row.getString(1), jdbc.dialect().getInstant(row, "created_at")) : null;
            }
        }
    }

    /** Binds the record in {@link #COLUMNS} order, then the group key and the registration key. */
    private int write(Connection connection, String sql, RegistrationRecord r, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, r.registrationId());
            statement.setString(2, r.deviceId());
            statement.setString(3, r.assignedHub());
            statement.setString(4, r.status().wireName());
            statement.setString(5, r.substatus() == null ? null : r.substatus().wireName());
            if (r.errorCode() == null) {
                statement.setNull(6, Types.INTEGER);
            } else {
                statement.setInt(6, r.errorCode());
            }
            statement.setString(7, r.errorMessage());
            jdbc.dialect().setInstant(statement, 8, r.createdAt());
            jdbc.dialect().setInstant(statement, 9, r.lastUpdatedAt());
            statement.setString(10, r.etag());
            statement.setString(11, r.payloadJson());
            statement.setString(12, r.enrollmentGroupId());
            statement.setString(13, r.enrollmentGroupId() == null ? null : r.enrollmentGroupId().toLowerCase(Locale.ROOT));
            statement.setString(14, key);
            return statement.executeUpdate();
        }
    }

    private RegistrationRecord read(ResultSet row) throws SQLException {
        int errorCode = row.getInt("error_code");
        Integer nullableErrorCode = row.wasNull() ? null : errorCode;
        String substatus = row.getString("substatus");
        return new RegistrationRecord(row.getString("registration_id"), row.getString("device_id"),
                row.getString("assigned_hub"), RegistrationStatus.fromWire(row.getString("status")),
                substatus == null ? null : Substatus.fromWire(substatus), nullableErrorCode,
                row.getString("error_message"), jdbc.dialect().getInstant(row, "created_at"),
                jdbc.dialect().getInstant(row, "last_updated_at"), row.getString("etag"),
                row.getString("payload_json"), row.getString("enrollment_group_id"));
    }
}
