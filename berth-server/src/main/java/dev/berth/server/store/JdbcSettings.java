package dev.berth.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Key/value settings; the first writer of a key wins, on every node. */
final class JdbcSettings {
    private final Jdbc jdbc;

    JdbcSettings(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> get(String key) {
        requireKey(key);
        return jdbc.autoCommit("read setting " + key, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT setting_value FROM settings WHERE setting_key = ?")) {
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    String putIfAbsent(String key, String value) {
        requireKey(key);
        if (value == null) {
            throw new IllegalArgumentException("setting " + key + " needs a value");
        }
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to commit, so the read
        // that follows sees whichever value won.
        jdbc.autoCommit("save setting " + key, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO settings (setting_key, setting_value) VALUES (?, ?) ON CONFLICT (setting_key) DO NOTHING")) {
                statement.setString(1, key);
                statement.setString(2, value);
                return statement.executeUpdate();
            }
        });
        return get(key).orElseThrow(() -> new StoreException("setting " + key + " vanished right after it was saved", null));
    }

    private static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("setting key is missing");
        }
    }
}
