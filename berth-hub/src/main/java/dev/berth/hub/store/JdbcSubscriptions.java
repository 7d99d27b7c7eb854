package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The topic filters (with their granted QoS) of clean-session=0 devices, one JSON row per device. */
final class JdbcSubscriptions {
    private final Jdbc jdbc;
    private final Clock clock;

    JdbcSubscriptions(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void save(String deviceId, Map<String, Integer> filters) {
        Map<String, String> stored = new LinkedHashMap<>();
        filters.forEach((filter, qos) -> stored.put(filter, Integer.toString(qos)));
        jdbc.autoCommit("store the subscriptions of device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_subscriptions (device_id, filters, updated_at)"
                    + " SELECT device_id, ?, ? FROM hub_devices WHERE device_id = ?"
                    + " ON CONFLICT (device_id) DO UPDATE SET filters = excluded.filters, updated_at = excluded.updated_at")) {
                statement.setString(1, PropertyMaps.write(stored));
                jdbc.dialect().setInstant(statement, 2, SqlDialect.storable(clock.instant()));
                statement.setString(3, JdbcHubDevices.requireId(deviceId));
                if (statement.executeUpdate() == 0) {
                    throw new DeviceNotFoundException(deviceId);
                }
                return null;
            }
        });
    }

    Map<String, Integer> find(String deviceId) {
        return jdbc.autoCommit("read the subscriptions of device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT filters FROM hub_subscriptions WHERE device_id = ?")) {
                statement.setString(1, deviceId);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return Map.of();
                    }
                    Map<String, Integer> filters = new LinkedHashMap<>();
                    PropertyMaps.read(row.getString(1)).forEach((filter, qos) -> filters.put(filter, Integer.parseInt(qos)));
                    return Map.copyOf(filters);
                }
            }
        });
    }

    boolean forget(String deviceId) {
        return jdbc.autoCommit("forget the subscriptions of device '" + deviceId + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_subscriptions WHERE device_id = ?")) {
                statement.setString(1, deviceId);
                return statement.executeUpdate() == 1;
            }
        });
    }
}
