package dev.berth.server.store;

import dev.berth.server.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One table of enrollment documents (individual enrollments or groups) with etags and If-Match. The certificate
 * index of a document is written in the same transaction as the document.
 */
final class JdbcDocuments<T> {
    /** Bounds the create race on PostgreSQL: a lost race means the row now exists and the update path runs. */
    private static final int ATTEMPTS_AT_CREATE_RACE = 3;

    private record Current(String etag, Instant created) {
    }

    private final Jdbc jdbc;
    private final DocumentKind<T> kind;
    private final JdbcCertificateIndex certificates;
    private final String selectCurrent;
    private final String insertIfAbsent;
    private final String update;

    JdbcDocuments(Jdbc jdbc, DocumentKind<T> kind, JdbcCertificateIndex certificates) {
        this.jdbc = jdbc;
        this.kind = kind;
        this.certificates = certificates;
        String table = kind.table();
        String key = kind.keyColumn();
        this.selectCurrent = "SELECT etag, created_at FROM " + table + " WHERE " + key + " = ?"
                + jdbc.dialect().lockForUpdate();
        this.insertIfAbsent = "INSERT INTO " + table + " (" + key + ", " + kind.idColumn()
                + ", document, etag, attestation_type, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (" + key + ") DO NOTHING";
        this.update = "UPDATE " + table + " SET " + kind.idColumn()
                + " = ?, document = ?, etag = ?, attestation_type = ?, updated_at = ? WHERE " + key + " = ?";
    }

    T put(T document, String ifMatch) {
        String id = StoreKeys.requireId(kind.noun(), kind.id().apply(document));
        String key = StoreKeys.keyOf(kind.noun(), id);
        return jdbc.inTransaction("save " + kind.noun() + " '" + id + "'", connection -> {
            for (int attempt = 1; attempt <= ATTEMPTS_AT_CREATE_RACE; attempt++) {
                Current current = current(connection, key);
                Etags.check(kind.noun(), id, ifMatch, current == null ? null : current.etag());
                Instant now = SqlDialect.storable(Instant.now());
                String etag = Etags.next(current == null ? null : current.etag());
                if (current != null) {
                    T stored = kind.stamped(document, etag, current.created(), now);
                    update(connection, key, id, stored, etag, now);
                    certificates.replace(connection, kind.certificateOwnerKind(), key, id, kind.attestation().apply(stored));
                    return stored;
                }
                T stored = kind.stamped(document, etag, now, now);
                if (insert(connection, key, id, stored, etag, now) == 1) {
                    certificates.replace(connection, kind.certificateOwnerKind(), key, id, kind.attestation().apply(stored));
                    return stored;
                }
            }
            throw new SQLException(kind.noun() + " '" + id + "' kept changing while being saved");
        });
    }

    Optional<T> find(String id) {
        String key = StoreKeys.keyOf(kind.noun(), id);
        String sql = "SELECT document FROM " + kind.table() + " WHERE " + kind.keyColumn() + " = ?";
        return jdbc.autoCommit("read " + kind.noun() + " '" + id + "'", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(Json.read(row.getString(1), kind.type())) : Optional.empty();
                }
            }
        });
    }

    boolean delete(String id, String ifMatch) {
        String key = StoreKeys.keyOf(kind.noun(), id);
        String sql = "DELETE FROM " + kind.table() + " WHERE " + kind.keyColumn() + " = ?";
        return jdbc.inTransaction("delete " + kind.noun() + " '" + id + "'", connection -> {
            Current current = current(connection, key);
            if (current == null) {
                return false;
            }
            Etags.check(kind.noun(), id, ifMatch, current.etag());
            certificates.remove(connection, kind.certificateOwnerKind(), key);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                return statement.executeUpdate() == 1;
            }
        });
    }

    Page<T> list(int maxItems, String continuation) {
        return page("", maxItems, continuation, null);
    }

    /** Every document whose attestation is of the given type, in ID order. */
    List<T> withAttestation(String attestationType) {
        List<T> all = new ArrayList<>();
        String continuation = null;
        do {
            Page<T> page = page(" AND attestation_type = ?", 500, continuation, attestationType);
            all.addAll(page.items());
            continuation = page.continuation();
        } while (continuation != null);
        return all;
    }

    private Page<T> page(String filter, int maxItems, String continuation, String filterValue) {
        KeysetPages.requirePageSize(maxItems);
        String after = KeysetPages.keyOf(continuation);
        String sql = "SELECT " + kind.keyColumn() + ", document FROM " + kind.table() + " WHERE "
                + kind.keyColumn() + " > ?" + filter + " ORDER BY " + kind.keyColumn() + " LIMIT ?";
        return jdbc.autoCommit("list " + kind.table(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int index = 1;
                statement.setString(index++, after);
                if (filterValue != null) {
                    statement.setString(index++, filterValue);
                }
                statement.setInt(index, maxItems + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return KeysetPages.collect(rows, maxItems, kind.keyColumn(),
                            row -> Json.read(row.getString("document"), kind.type()));
                }
            }
        });
    }

    private Current current(Connection connection, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(selectCurrent)) {
            statement.setString(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? new Current(row.getString(1), jdbc.dialect().getInstant(row, "created_at")) : null;
            }
        }
    }

    private int insert(Connection connection, String key, String id, T stored, String etag, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(insertIfAbsent)) {
            statement.setString(1, key);
            statement.setString(2, id);
            statement.setString(3, Json.write(stored));
            statement.setString(4, etag);
            statement.setString(5, kind.attestationType(stored));
            jdbc.dialect().setInstant(statement, 6, now);
            jdbc.dialect().setInstant(statement, 7, now);
            return statement.executeUpdate();
        }
    }

    private void update(Connection connection, String key, String id, T stored, String etag, Instant now)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            statement.setString(1, id);
            statement.setString(2, Json.write(stored));
            statement.setString(3, etag);
            statement.setString(4, kind.attestationType(stored));
            jdbc.dialect().setInstant(statement, 5, now);
            statement.setString(6, key);
            statement.executeUpdate();
        }
    }
}
