package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Direct-method calls handed between nodes: created by the caller, claimed by the device's node, answered there. */
final class JdbcMethodCallRows {
    private static final String COLUMNS = "call_id, device_id, method_name, payload, response_timeout, caller_node, created_at,"
            + " claim_deadline, claimed_by, outcome, answer_status, answer_payload";

    private final Jdbc jdbc;
    private final JdbcHubEvents events;

    JdbcMethodCallRows(Jdbc jdbc, JdbcHubEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    void create(MethodCallRecord call, String notifyNode) {
        jdbc.inTransactionWithoutFlush("store direct-method call " + call.callId(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_method_calls (call_id, device_id,"
                    + " method_name, payload, response_timeout, caller_node, created_at, claim_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, call.callId());
                statement.setString(2, JdbcHubDevices.requireId(call.deviceId()));
                statement.setString(3, call.methodName());
                statement.setBytes(4, call.payload() == null ? new byte[0] : call.payload());
                statement.setInt(5, call.responseTimeoutSeconds());
                statement.setString(6, call.callerNode());
                jdbc.dialect().setInstant(statement, 7, SqlDialect.storable(call.createdAt()));
                jdbc.dialect().setInstant(statement, 8, SqlDialect.storable(call.claimDeadline()));
                statement.executeUpdate();
            }
            if (notifyNode != null) {
                events.insert(connection, HubEvent.to(notifyNode, HubEvent.METHOD_CALL, call.deviceId(),
                        call.callId().getBytes(StandardCharsets.UTF_8)));
            }
            return null;
        });
    }

    List<MethodCallRecord> claim(String deviceId, String nodeId, Instant now) {
        return jdbc.inTransactionWithoutFlush("claim the direct-method calls of device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE hub_method_calls SET claimed_by = ?"
                    + " WHERE device_id = ? AND claimed_by IS NULL AND claim_deadline > ? RETURNING " + COLUMNS)) {
                statement.setString(1, nodeId);
                statement.setString(2, deviceId);
                jdbc.dialect().setInstant(statement, 3, now);
                return readAll(statement);
            }
        });
    }

    List<String> devicesWithUnclaimed(Instant now) {
        return jdbc.autoCommit("find unclaimed direct-method calls", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT device_id FROM hub_method_calls"
                    + " WHERE claimed_by IS NULL AND claim_deadline > ?")) {
                jdbc.dialect().setInstant(statement, 1, now);
                List<String> devices = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        devices.add(row.getString(1));
                    }
                }
                return devices;
            }
        });
    }

    boolean abandonUnclaimed(String callId) {
        return jdbc.inTransactionWithoutFlush("give up direct-method call " + callId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE hub_method_calls SET claimed_by = ? WHERE call_id = ? AND claimed_by IS NULL")) {
                statement.setString(1, MethodCallRecord.ABANDONED);
                statement.setString(2, callId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    void complete(String callId, String outcome, int status, byte[] payload) {
        jdbc.inTransactionWithoutFlush("store the outcome of direct-method call " + callId, connection -> {
            String callerNode = null;
            String deviceId = null;
            try (PreparedStatement statement = connection.prepareStatement("UPDATE hub_method_calls SET outcome = ?, answer_status = ?,"
                    + " answer_payload = ? WHERE call_id = ? RETURNING caller_node, device_id")) {
                statement.setString(1, outcome);
                statement.setInt(2, status);
                if (payload == null) {
                    statement.setNull(3, Types.BINARY);
                } else {
                    statement.setBytes(3, payload);
                }
                statement.setString(4, callId);
                try (ResultSet row = statement.executeQuery()) {
                    if (row.next()) {
                        callerNode = row.getString(1);
                        deviceId = row.getString(2);
                    }
                }
            }
            if (callerNode != null) { // the caller may have given up and deleted the call already
                events.insert(connection, HubEvent.to(callerNode, HubEvent.METHOD_DONE, deviceId, callId.getBytes(StandardCharsets.UTF_8)));
            }
            return null;
        });
    }

    Optional<MethodCallRecord> find(String callId) {
        return jdbc.autoCommit("read direct-method call " + callId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM hub_method_calls WHERE call_id = ?")) {
                statement.setString(1, callId);
                return readAll(statement).stream().findFirst();
            }
        });
    }

    void delete(String callId) {
        jdbc.inTransactionWithoutFlush("delete direct-method call " + callId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_method_calls WHERE call_id = ?")) {
                statement.setString(1, callId);
                return statement.executeUpdate();
            }
        });
    }

    int purge(Connection connection, Instant createdBefore) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_method_calls WHERE created_at < ?")) {
            jdbc.dialect().setInstant(statement, 1, createdBefore);
            return statement.executeUpdate();
        }
    }

    private List<MethodCallRecord> readAll(PreparedStatement statement) throws SQLException {
        List<MethodCallRecord> calls = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                int status = row.getInt("answer_status");
                Integer answerStatus = row.wasNull() ? null : status;
                calls.add(new MethodCallRecord(row.getString("call_id"), row.getString("device_id"), row.getString("method_name"),
                        row.getBytes("payload"), row.getInt("response_timeout"), row.getString("caller_node"),
                        jdbc.dialect().getInstant(row, "created_at"), jdbc.dialect().getInstant(row, "claim_deadline"),
                        row.getString("claimed_by"), row.getString("outcome"), answerStatus, row.getBytes("answer_payload")));
            }
        }
        return calls;
    }
}
