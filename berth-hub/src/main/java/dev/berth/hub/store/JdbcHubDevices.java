package dev.berth.hub.store;

import dev.berth.server.store.ConflictException;
import dev.berth.server.store.Etags;
import dev.berth.server.store.Jdbc;
import dev.berth.server.store.KeysetPages;
import dev.berth.server.store.Page;
import dev.berth.server.store.SqlDialect;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** The device identities. Creating a device creates its empty twin in the same transaction. */
final class JdbcHubDevices {
    private static final int ATTEMPTS_AT_CREATE_RACE = 3;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "device_id, generation_id, etag, status, status_reason, authentication_type, primary_key,"
            + " secondary_key, primary_thumbprint, secondary_thumbprint, ca_certificate_pem, iot_edge, created_at, updated_at";

    private final Jdbc jdbc;
    private final JdbcTwins twins;
    private final Clock clock;

    JdbcHubDevices(Jdbc jdbc, JdbcTwins twins, Clock clock) {
        this.jdbc = jdbc;
        this.twins = twins;
        this.clock = clock;
    }

    Optional<DeviceRecord> find(String deviceId) {
        return jdbc.autoCommit("read device '" + deviceId + "'", connection -> Optional.ofNullable(current(connection, deviceId, false)));
    }

    DeviceRecord put(DeviceRecord device, String ifMatch) {
        String id = requireId(device.deviceId());
        return jdbc.inTransaction("save device '" + id + "'", connection -> {
            for (int attempt = 1; attempt <= ATTEMPTS_AT_CREATE_RACE; attempt++) {
                DeviceRecord current = current(connection, id, true);
                Etags.check("device", id, ifMatch, current == null ? null : current.etag());
                if (current != null) {
                    return update(connection, device, current);
                }
                DeviceRecord created = insert(connection, device);
                if (created != null) {
                    return created;
                }
            }
            throw new SQLException("device '" + id + "' kept changing while being saved");
        });
    }

    DeviceRecord create(DeviceRecord device) {
        String id = requireId(device.deviceId());
        return jdbc.inTransaction("create device '" + id + "'", connection -> {
            DeviceRecord created = insert(connection, device);
            if (created == null) {
                throw new ConflictException("the device '" + id + "' already exists; send If-Match with its etag (or *) to replace it");
            }
            return created;
        });
    }

    boolean delete(String deviceId, String ifMatch) {
        return jdbc.inTransaction("delete device '" + deviceId + "'", connection -> {
            DeviceRecord current = current(connection, deviceId, true);
            if (current == null) {
                return false;
            }
            Etags.check("device", deviceId, ifMatch, current.etag());
            for (String table : new String[] {"hub_c2d_messages", "hub_subscriptions", "hub_twins", "hub_devices"}) {
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE device_id = ?")) {
                    statement.setString(1, deviceId);
                    statement.executeUpdate();
                }
            }
            return true;
        });
    }

    Page<DeviceRecord> list(int maxItems, String continuation) {
        KeysetPages.requirePageSize(maxItems);
        String after = KeysetPages.keyOf(continuation);
        return jdbc.autoCommit("list devices", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM hub_devices WHERE device_id > ? ORDER BY device_id LIMIT ?")) {
                statement.setString(1, after);
                statement.setInt(2, maxItems + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return KeysetPages.collect(rows, maxItems, "device_id", this::read);
                }
            }
        });
    }

    private DeviceRecord current(Connection connection, String deviceId, boolean forUpdate) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM hub_devices WHERE device_id = ?" + (forUpdate ? jdbc.dialect().lockForUpdate() : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? read(row) : null;
            }
        }
    }

    /** @return the stored device, or null when another writer created it first */
    private DeviceRecord insert(Connection connection, DeviceRecord device) throws SQLException {
        Instant now = SqlDialect.storable(clock.instant());
        DeviceRecord stored = stamped(device, generationId(), Etags.next(null), now, now);
        String sql = "INSERT INTO hub_devices (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (device_id) DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, stored);
            if (statement.executeUpdate() != 1) {
                return null;
            }
        }
        twins.createEmpty(connection, stored.deviceId());
        return stored;
    }

    private DeviceRecord update(Connection connection, DeviceRecord device, DeviceRecord current) throws SQLException {
        Instant now = SqlDialect.storable(clock.instant());
        DeviceRecord stored = stamped(device, current.generationId(), Etags.next(current.etag()), current.createdAt(), now);
        try (PreparedStatement statement = connection.prepareStatement("UPDATE hub_devices SET etag = ?, status = ?,"
                + " status_reason = ?, authentication_type = ?, primary_key = ?, secondary_key = ?, primary_thumbprint = ?,"
                + " secondary_thumbprint = ?, ca_certificate_pem = ?, iot_edge = ?, updated_at = ? WHERE device_id = ?")) {
            statement.setString(1, stored.etag());
            statement.setString(2, stored.status());
            statement.setString(3, stored.statusReason());
            statement.setString(4, stored.authenticationType());
            statement.setString(5, stored.primaryKey());
            statement.setString(6, stored.secondaryKey());
            statement.setString(7, stored.primaryThumbprint());
            statement.setString(8, stored.secondaryThumbprint());
            statement.setString(9, stored.caCertificatePem());
            statement.setInt(10, stored.iotEdge() ? 1 : 0);
            jdbc.dialect().setInstant(statement, 11, now);
            statement.setString(12, stored.deviceId());
            statement.executeUpdate();
        }
        return stored;
    }

    private void bind(PreparedStatement statement, DeviceRecord d) throws SQLException {
        statement.setString(1, d.deviceId());
        statement.setString(2, d.generationId());
        statement.setString(3, d.etag());
        statement.setString(4, d.status());
        statement.setString(5, d.statusReason());
        statement.setString(6, d.authenticationType());
        statement.setString(7, d.primaryKey());
        statement.setString(8, d.secondaryKey());
        statement.setString(9, d.primaryThumbprint());
        statement.setString(10, d.secondaryThumbprint());
        statement.setString(11, d.caCertificatePem());
        statement.setInt(12, d.iotEdge() ? 1 : 0);
        jdbc.dialect().setInstant(statement, 13, d.createdAt());
        jdbc.dialect().setInstant(statement, 14, d.updatedAt());
    }

    private DeviceRecord read(ResultSet row) throws SQLException {
        return new DeviceRecord(row.getString("device_id"), row.getString("generation_id"), row.getString("etag"),
                row.getString("status"), row.getString("status_reason"), row.getString("authentication_type"),
                row.getString("primary_key"), row.getString("secondary_key"), row.getString("primary_thumbprint"),
                row.getString("secondary_thumbprint"), row.getString("ca_certificate_pem"), row.getInt("iot_edge") != 0,
                jdbc.dialect().getInstant(row, "created_at"), jdbc.dialect().getInstant(row, "updated_at"));
    }

    private static DeviceRecord stamped(DeviceRecord d, String generationId, String etag, Instant created, Instant updated) {
        if (d.authenticationType() == null || d.authenticationType().isBlank()) {
            throw new IllegalArgumentException("device '" + d.deviceId() + "' needs an authentication type");
        }
        String status = d.status() == null ? "enabled" : d.status();
        return new DeviceRecord(d.deviceId(), generationId, etag, status, d.statusReason(), d.authenticationType(),
                d.primaryKey(), d.secondaryKey(), d.primaryThumbprint(), d.secondaryThumbprint(), d.caCertificatePem(),
                d.iotEdge(), created, updated);
    }

    /** Like Azure's: a large decimal number, different each time a device ID is created anew. */
    private static String generationId() {
        return Long.toString(600_000_000_000_000_000L + Math.floorMod(RANDOM.nextLong(), 100_000_000_000_000_000L));
    }

    static String requireId(String deviceId) {
        if (deviceId == null || deviceId.isBlank()) {
            throw new IllegalArgumentException("device ID is missing");
        }
        return deviceId;
    }
}
