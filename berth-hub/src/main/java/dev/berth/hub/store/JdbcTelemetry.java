package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Device-to-cloud messages in arrival order; the database assigns the sequence numbers. */
final class JdbcTelemetry {
    private final Jdbc jdbc;
    private final Clock clock;

    JdbcTelemetry(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    TelemetryMessage append(TelemetryMessage message) {
        String deviceId = JdbcHubDevices.requireId(message.deviceId());
        Instant received = SqlDialect.storable(message.receivedAt() == null ? clock.instant() : message.receivedAt());
        Map<String, String> system = message.systemProperties() == null ? Map.of() : message.systemProperties();
        Map<String, String> application = message.applicationProperties() == null ? Map.of() : message.applicationProperties();
        byte[] payload = message.payload() == null ? new byte[0] : message.payload();
        long sequence = jdbc.autoCommit("store telemetry of device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_telemetry (device_id, module_id,"
                    + " received_at, system_properties, application_properties, payload) VALUES (?, ?, ?, ?, ?, ?) RETURNING sequence")) {
                statement.setString(1, deviceId);
                statement.setString(2, message.moduleId());
                jdbc.dialect().setInstant(statement, 3, received);
                statement.setString(4, PropertyMaps.write(system));
                statement.setString(5, PropertyMaps.write(application));
                statement.setBytes(6, payload);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        });
        return new TelemetryMessage(sequence, deviceId, message.moduleId(), received, PropertyMaps.readOnly(system), PropertyMaps.readOnly(application), payload);
    }

    List<TelemetryMessage> after(long sequence, String deviceId, int maxItems) {
        String sql = "SELECT sequence, device_id, module_id, received_at, system_properties, application_properties, payload"
                + " FROM hub_telemetry WHERE sequence > ?" + (deviceId == null ? "" : " AND device_id = ?")
                + " ORDER BY sequence LIMIT ?";
        return jdbc.autoCommit("read telemetry", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                statement.setLong(index++, sequence);
                if (deviceId != null) {
                    statement.setString(index++, deviceId);
                }
                statement.setInt(index, maxItems);
                List<TelemetryMessage> messages = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        messages.add(read(row));
                    }
                }
                return messages;
            }
        });
    }

    int purge(Instant receivedBefore) {
        return jdbc.autoCommit("drop old telemetry", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_telemetry WHERE received_at < ?")) {
                jdbc.dialect().setInstant(statement, 1, receivedBefore);
                return statement.executeUpdate();
            }
        });
    }

    private TelemetryMessage read(ResultSet row) throws SQLException {
        return new TelemetryMessage(row.getLong("sequence"), row.getString("device_id"), row.getString("module_id"),
                    jdbc.dialect().getInstant(row, "received_at"),
                    PropertyMaps.read(row.getString("system_properties")),
                    PropertyMaps.read(row.getString("application_properties")),
                    row.getBytes("payload"));
    }
}
