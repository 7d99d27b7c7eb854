package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Node heartbeats and device presence: which node holds each device's connection. */
final class JdbcNodes {
    private final Jdbc jdbc;

    JdbcNodes(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    void heartbeat(String nodeId, Instant now, int telemetryFollowers) {
        Instant at = SqlDialect.storable(now);
        jdbc.inTransactionWithoutFlush("record the heartbeat of hub node " + nodeId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_nodes (node_id, started_at, last_seen,"
                    + " telemetry_followers) VALUES (?, ?, ?, ?) ON CONFLICT (node_id) DO UPDATE SET last_seen = excluded.last_seen,"
                    + " telemetry_followers = excluded.telemetry_followers")) {
                statement.setString(1, nodeId);
                jdbc.dialect().setInstant(statement, 2, at);
                jdbc.dialect().setInstant(statement, 3, at);
                statement.setInt(4, telemetryFollowers);
                return statement.executeUpdate();
            }
        });
    }

    void leave(String nodeId) {
        jdbc.inTransaction("remove hub node " + nodeId, connection -> {
            for (String table : new String[] {"hub_presence", "hub_nodes"}) {
                try (PreparedStatement statement = connection.prepareStatement("DELETE FROM " + table + " WHERE node_id = ?")) {
                    statement.setString(1, nodeId);
                    statement.executeUpdate();
                }
            }
            return null;
        });
    }

    List<NodeRecord> live(Instant aliveSince) {
        return jdbc.autoCommit("list live hub nodes", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT node_id, started_at, last_seen, telemetry_followers"
                    + " FROM hub_nodes WHERE last_seen >= ? ORDER BY node_id")) {
                jdbc.dialect().setInstant(statement, 1, aliveSince);
                List<NodeRecord> nodes = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        nodes.add(new NodeRecord(row.getString("node_id"), jdbc.dialect().getInstant(row, "started_at"),
                                jdbc.dialect().getInstant(row, "last_seen"), row.getInt("telemetry_followers")));
                    }
                }
                return nodes;
            }
        });
    }

    /**
     * Every session but the last is reported as replaced exactly once, however many nodes claim the device at once:
     * the insert waits for a concurrent inserter to commit, so the row it then locks is the one it replaces. (A plain
     * SELECT FOR UPDATE first would find no row to lock while two first connections race, and neither would learn of
     * the other.)
     */
    Optional<Presence> claim(String deviceId, String nodeId, String sessionId, Instant now) {
        Instant at = SqlDialect.storable(now);
        return jdbc.inTransaction("record that device '" + deviceId + "' is connected to node " + nodeId, connection -> {
            for (int attempt = 1; attempt <= 3; attempt++) {
                if (insertIfAbsent(connection, deviceId, nodeId, sessionId, at)) {
                    return Optional.empty();
                }
                Optional<Presence> previous = read(connection, "SELECT device_id, node_id, session_id, connected_at FROM hub_presence"
                        + " WHERE device_id = ?" + jdbc.dialect().lockForUpdate(), deviceId, null);
                if (previous.isPresent() && update(connection, deviceId, nodeId, sessionId, at)) {
                    return previous;
                }
                // the row went (its session closed) between the insert and the read: insert again
            }
            throw new SQLException("the presence of device '" + deviceId + "' kept changing while node " + nodeId + " claimed it");
        });
    }

    private boolean insertIfAbsent(Connection connection, String deviceId, String nodeId, String sessionId, Instant at)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_presence (device_id, node_id, session_id,"
                + " connected_at) VALUES (?, ?, ?, ?) ON CONFLICT (device_id) DO NOTHING")) {
            statement.setString(1, deviceId);
            statement.setString(2, nodeId);
            statement.setString(3, sessionId);
            jdbc.dialect().setInstant(statement, 4, at);
            return statement.executeUpdate() == 1;
        }
    }

    private boolean update(Connection connection, String deviceId, String nodeId, String sessionId, Instant at) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE hub_presence SET node_id = ?, session_id = ?, connected_at = ? WHERE device_id = ?")) {
            statement.setString(1, nodeId);
            statement.setString(2, sessionId);
            jdbc.dialect().setInstant(statement, 3, at);
            statement.setString(4, deviceId);
            return statement.executeUpdate() == 1;
        }
    }

    boolean release(String deviceId, String nodeId, String sessionId) {
        return jdbc.autoCommit("record that device '" + deviceId + "' left node " + nodeId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM hub_presence WHERE device_id = ? AND node_id = ? AND session_id = ?")) {
                statement.setString(1, deviceId);
                statement.setString(2, nodeId);
                statement.setString(3, sessionId);
                return statement.executeUpdate() == 1;
            }
        });
    }

    Optional<Presence> find(String deviceId, Instant aliveSince) {
        return jdbc.autoCommit("find where device '" + deviceId + "' is connected", connection -> read(connection,
                "SELECT p.device_id, p.node_id, p.session_id, p.connected_at FROM hub_presence p JOIN hub_nodes n"
                        + " ON n.node_id = p.node_id WHERE p.device_id = ? AND n.last_seen >= ?", deviceId, aliveSince));
    }

    Set<String> connected(Collection<String> deviceIds, Instant aliveSince) {
        Set<String> connected = new HashSet<>();
        jdbc.readInChunks("find which devices are connected", "SELECT p.device_id FROM hub_presence p JOIN hub_nodes n"
                + " ON n.node_id = p.node_id WHERE p.device_id IN (%s) AND n.last_seen >= ?", deviceIds,
                (statement, index) -> jdbc.dialect().setInstant(statement, index, aliveSince),
                row -> connected.add(row.getString(1)));
        return connected;
    }

    /** Forgets nodes not seen since the cut-off and the presence they left behind. */
    int purgeDead(Connection connection, Instant aliveSince) throws SQLException {
        try (PreparedStatement presence = connection.prepareStatement("DELETE FROM hub_presence WHERE node_id IN"
                + " (SELECT node_id FROM hub_nodes WHERE last_seen < ?) OR node_id NOT IN (SELECT node_id FROM hub_nodes)");
             PreparedStatement nodes = connection.prepareStatement("DELETE FROM hub_nodes WHERE last_seen < ?")) {
            jdbc.dialect().setInstant(presence, 1, aliveSince);
            jdbc.dialect().setInstant(nodes, 1, aliveSince);
            return presence.executeUpdate() + nodes.executeUpdate();
        }
    }

    private Optional<Presence> read(Connection connection, String sql, String deviceId, Instant aliveSince) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, deviceId);
            if (aliveSince != null) {
                jdbc.dialect().setInstant(statement, 2, aliveSince);
            }
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new Presence(row.getString(1), row.getString(2), row.getString(3),
                        jdbc.dialect().getInstant(row, "connected_at"))) : Optional.empty();
            }
        }
    }
}
