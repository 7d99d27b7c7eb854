package dev.berth.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import dev.berth.server.store.Etags;
import dev.berth.server.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Device twins. Every change reads the row under a lock (PostgreSQL {@code FOR UPDATE}; SQLite's IMMEDIATE
 * transactions) and writes it back in the same transaction, so concurrent patches of one twin never lose
 * an update. Each change bumps the twin version and etag; a section's version moves when that section is patched.
 */
final class JdbcTwins {
    private final Jdbc jdbc;

    JdbcTwins(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** What a change does to the current twin; it may throw to refuse the change (nothing is written then). */
    @FunctionalInterface
    interface Change {
        TwinRecord apply(TwinRecord current);
    }

    Optional<TwinRecord> find(String deviceId) {
        return jdbc.autoCommit("read twin '" + deviceId + "'", connection -> Optional.ofNullable(current(connection, deviceId, false)));
    }

    TwinRecord change(String deviceId, String ifMatch, String what, Change change) {
        return jdbc.inTransaction(what + " of twin '" + deviceId + "'", connection -> {
            TwinRecord current = current(connection, deviceId, true);
            if (current == null) {
                throw new DeviceNotFoundException(deviceId);
            }
            Etags.check("twin", deviceId, ifMatch, current.etag());
            TwinRecord changed = change.apply(current);
            TwinRecord stored = new TwinRecord(deviceId, changed.tags(), changed.desired(), changed.desiredVersion(),
                    changed.reported(), changed.reportedVersion(), Etags.next(current.etag()), current.version() + 1);
            write(connection, stored);
            return stored;
        });
    }

    void createEmpty(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_twins (device_id, tags, desired,"
                + " desired_version, reported, reported_version, etag, version) VALUES (?, '{}', '{}', 1, '{}', 1, ?, 1)")) {
            statement.setString(1, deviceId);
            statement.setString(2, Etags.next(null));
            statement.executeUpdate();
        }
    }

    private TwinRecord current(Connection connection, String deviceId, boolean forUpdate) throws SQLException {
        String sql = "SELECT tags, desired, desired_version, reported, reported_version, etag, version FROM hub_twins"
                + " WHERE device_id = ?" + (forUpdate ? jdbc.dialect().lockForUpdate() : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new TwinRecord(deviceId, object(row.getString("tags")), object(row.getString("desired")),
                        row.getLong("desired_version"), object(row.getString("reported")), row.getLong("reported_version"),
                        row.getString("etag"), row.getLong("version"));
            }
        }
    }

    private static void write(Connection connection, TwinRecord twin) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE hub_twins SET tags = ?, desired = ?,"
                + " desired_version = ?, reported = ?, reported_version = ?, etag = ?, version = ? WHERE device_id = ?")) {
            statement.setString(1, Json.write(twin.tags()));
            statement.setString(2, Json.write(twin.desired()));
            statement.setLong(3, twin.desiredVersion());
            statement.setString(4, Json.write(twin.reported()));
            statement.setLong(5, twin.reportedVersion());
            statement.setString(6, twin.etag());
            statement.setLong(7, twin.version());
            statement.setString(8, twin.deviceId());
            statement.executeUpdate();
        }
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("a stored twin section is not a JSON object: " + e.getMessage(), e);
        }
    }
}
