package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queued cloud-to-device messages, oldest first per device; deleted when completed or expired. */
final class JdbcCloudToDeviceQueue {
    private final Jdbc jdbc;
    private final Clock clock;

    JdbcCloudToDeviceQueue(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    CloudToDeviceMessage enqueue(CloudToDeviceMessage message) {
        String deviceId = JdbcHubDevices.requireId(message.deviceId());
        if (message.expiresAt() == null) {
            throw new IllegalArgumentException("a cloud-to-device message needs an expiry time");
        }
        Instant enqueued = SqlDialect.storable(message.enqueuedAt() == null ? clock.instant() : message.enqueuedAt());
        CloudToDeviceMessage stored = new CloudToDeviceMessage(
                message.messageId() == null || message.messageId().isBlank() ? UUID.randomUUID().toString() : message.messageId(),
                deviceId, message.payload() == null ? new byte[0] : message.payload(),
                message.properties() == null ? Map.of() : PropertyMaps.readOnly(message.properties()), message.correlationId(),
                enqueued, SqlDialect.storable(message.expiresAt()), 0);
        return jdbc.inTransaction("queue a message for device '" + deviceId + "'", connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM hub_devices WHERE device_id = ?")) {
                exists.setString(1, deviceId);
                try (ResultSet row = exists.executeQuery()) {
                    if (!row.next()) {
                        throw new DeviceNotFoundException(deviceId);
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_c2d_messages (device_id, message_id,"
                    + " payload, properties, correlation_id, enqueued_at, expires_at, delivery_count) VALUES (?, ?, ?, ?, ?, ?, ?, 0)")) {
                statement.setString(1, deviceId);
                statement.setString(2, stored.messageId());
                statement.setBytes(3, stored.payload());
                statement.setString(4, PropertyMaps.write(stored.properties()));
                statement.setString(5, stored.correlationId());
                jdbc.dialect().setInstant(statement, 6, stored.enqueuedAt());
                jdbc.dialect().setInstant(statement, 7, stored.expiresAt());
                statement.executeUpdate();
            }
            return stored;
        });
    }

    List<CloudToDeviceMessage> pending(String deviceId, Instant now, int maxItems) {
        return jdbc.autoCommit("read messages for device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT message_id, device_id, payload, properties,"
                    + " correlation_id, enqueued_at, expires_at, delivery_count FROM hub_c2d_messages"
                    + " WHERE device_id = ? AND expires_at > ? ORDER BY sequence LIMIT ?")) {
                statement.setString(1, deviceId);
                jdbc.dialect().setInstant(statement, 2, now);
                statement.setInt(3, maxItems);
                List<CloudToDeviceMessage> messages = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        messages.add(read(row));
                    }
                }
                return messages;
            }
        });
    }

    int count(String deviceId, Instant now) {
        return jdbc.autoCommit("count messages for device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT COUNT(*) FROM hub_c2d_messages WHERE device_id = ? AND expires_at > ?")) {
                statement.setString(1, deviceId);
                jdbc.dialect().setInstant(statement, 2, now);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    Map<String, Integer> counts(Collection<String> deviceIds, Instant now) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.readInChunks("count messages per device", "SELECT device_id, COUNT(*) FROM hub_c2d_messages"
                + " WHERE device_id IN (%s) AND expires_at > ? GROUP BY device_id", deviceIds,
                (statement, index) -> jdbc.dialect().setInstant(statement, index, now),
                row -> counts.put(row.getString(1), row.getInt(2)));
        return counts;
    }

    void markDelivered(String deviceId, String messageId) {
        update("count a delivery of message '" + messageId + "'",
                "UPDATE hub_c2d_messages SET delivery_count = delivery_count + 1 WHERE device_id = ? AND message_id = ?",
                deviceId, messageId);
    }

    boolean complete(String deviceId, String messageId) {
        return update("complete message '" + messageId + "'",
                "DELETE FROM hub_c2d_messages WHERE device_id = ? AND message_id = ?", deviceId, messageId) == 1;
    }

    int purgeExpired(Instant now) {
        return jdbc.autoCommit("drop expired messages", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_c2d_messages WHERE expires_at <= ?")) {
                jdbc.dialect().setInstant(statement, 1, now);
                return statement.executeUpdate();
            }
        });
    }

    private int update(String what, String sql, String deviceId, String messageId) {
        return jdbc.autoCommit(what, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, deviceId);
                statement.setString(2, messageId);
                return statement.executeUpdate();
            }
        });
    }

    private CloudToDeviceMessage read(ResultSet row) throws SQLException {
        Map<String, String> properties = PropertyMaps.read(row.getString("properties"));
        return new CloudToDeviceMessage(row.getString("message_id"), row.getString("device_id"), row.getBytes("payload"),
                properties, row.getString("correlation_id"), jdbc.dialect().getInstant(row, "enqueued_at"),
                jdbc.dialect().getInstant(row, "expires_at"), row.getInt("delivery_count"));
    }
}
