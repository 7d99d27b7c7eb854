package dev.berth.hub.store;

import dev.berth.server.store.Jdbc;
import dev.berth.server.store.SqlDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-node inboxes. The table is the truth: a node takes (deletes) its rows, so nothing depends on sequence
 * numbers committing in order. On PostgreSQL each insert also issues {@code pg_notify} in the same transaction,
 * which wakes the target node when the row is visible; a node that missed it finds the row on its next poll.
 */
final class JdbcHubEvents {
    private final Jdbc jdbc;
    private final Clock clock;
    private final boolean notifies;

    /** @param notifies whether other processes listen on this database (PostgreSQL) and are to be woken */
    JdbcHubEvents(Jdbc jdbc, Clock clock, boolean notifies) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.notifies = notifies;
    }

    void send(HubEvent event) {
        jdbc.inTransactionWithoutFlush("queue a " + event.kind() + " event for hub node " + event.targetNode(), connection -> {
            insert(connection, event);
            return null;
        });
    }

    /** Inserts within the caller's transaction (and notifies on commit). */
    void insert(Connection connection, HubEvent event) throws SQLException {
        if (event.targetNode() == null || event.kind() == null || event.deviceId() == null) {
            throw new IllegalArgumentException("an event needs a target node, a kind and a device ID: " + event);
        }
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO hub_events (target_node, kind, device_id, body,"
                + " created_at) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, event.targetNode());
            statement.setString(2, event.kind());
            statement.setString(3, event.deviceId());
            statement.setBytes(4, event.body());
            jdbc.dialect().setInstant(statement, 5, SqlDialect.storable(clock.instant()));
            statement.executeUpdate();
        }
        if (notifies) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                statement.setString(1, HubEvent.channel(event.targetNode()));
                statement.execute();
            }
        }
    }

    List<HubEvent> take(String nodeId, int maxItems) {
        return jdbc.inTransactionWithoutFlush("take the events of hub node " + nodeId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_events WHERE sequence IN (SELECT sequence"
                    + " FROM hub_events WHERE target_node = ? ORDER BY sequence LIMIT ?)"
                    + " RETURNING sequence, target_node, kind, device_id, body, created_at")) {
                statement.setString(1, nodeId);
                statement.setInt(2, maxItems);
                List<HubEvent> events = new ArrayList<>();
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        events.add(new HubEvent(row.getLong("sequence"), row.getString("target_node"), row.getString("kind"),
                                row.getString("device_id"), row.getBytes("body"), jdbc.dialect().getInstant(row, "created_at")));
                    }
                }
                events.sort(Comparator.comparingLong(HubEvent::sequence)); // RETURNING keeps no order
                return events;
            }
        });
    }

    int purge(Connection connection, Instant createdBefore) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM hub_events WHERE created_at < ?")) {
            jdbc.dialect().setInstant(statement, 1, createdBefore);
            return statement.executeUpdate();
        }
    }
}
