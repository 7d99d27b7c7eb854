package dev.berth.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The registry of named CA certificates, with etags and If-Match like the enrollment tables. */
final class JdbcCaCertificates {
    private static final String NOUN = "CA certificate";
    private static final int ATTEMPTS_AT_CREATE_RACE = 3;
    private static final String COLUMNS = "name_key, name, certificate_pem, sha256_thumbprint, verified, verification_code,"
            + " created_at, updated_at, etag";

    private final Jdbc jdbc;

    JdbcCaCertificates(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    CaCertificateRecord put(CaCertificateRecord record, String ifMatch) {
        String name = StoreKeys.requireId(NOUN, record.name() == null ? null : record.name().strip());
        String key = X509References.nameKey(name);
        if (record.certificatePem() == null || record.certificatePem().isBlank()) {
            throw new IllegalArgumentException(NOUN + " '" + name + "' has no certificate");
        }
        String thumbprint = X509References.thumbprintKey(record.sha256Thumbprint());
        return jdbc.inTransaction("save " + NOUN + " '" + name + "'", connection -> {
            for (int attempt = 1; attempt <= ATTEMPTS_AT_CREATE_RACE; attempt++) {
                CaCertificateRecord current = select(connection, "name_key", key, true).orElse(null);
                Etags.check(NOUN, name, ifMatch, current == null ? null : current.etag());
                requireThumbprintFree(connection, thumbprint, key);
                Instant now = SqlDialect.storable(Instant.now());
                CaCertificateRecord stored = new CaCertificateRecord(name, record.certificatePem(), thumbprint,
                        record.verified(), record.verificationCode(), current == null ? now : current.createdAt(), now,
                        Etags.next(current == null ? null : current.etag()));
                if (current != null) {
                    write(connection, "UPDATE ca_certificates SET name_key = ?, name = ?, certificate_pem = ?,"
                            + " sha256_thumbprint = ?, verified = ?, verification_code = ?, created_at = ?, updated_at = ?,"
                            + " etag = ? WHERE name_key = ?", key, stored, key);
                    return stored;
                }
                // DO NOTHING without a target covers both unique columns: a lost race on either goes round again.
                if (write(connection, "INSERT INTO ca_certificates (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING", key, stored, null) == 1) {
                    return stored;
                }
            }
            throw new SQLException(NOUN + " '" + name + "' kept changing while being saved");
        });
    }

    Optional<CaCertificateRecord> find(String name) {
        String key = X509References.nameKey(StoreKeys.requireId(NOUN, name));
        return jdbc.autoCommit("read " + NOUN + " '" + name + "'", connection -> select(connection, "name_key", key, false));
    }

    Optional<CaCertificateRecord> findByThumbprint(String sha256Thumbprint) {
        String thumbprint = X509References.thumbprintKey(sha256Thumbprint);
        return jdbc.autoCommit("read the " + NOUN + " with thumbprint " + thumbprint,
                connection -> select(connection, "sha256_thumbprint", thumbprint, false));
    }

    Page<CaCertificateRecord> list(int maxItems, String continuation) {
        KeysetPages.requirePageSize(maxItems);
        String after = KeysetPages.keyOf(continuation);
        return jdbc.autoCommit("list CA certificates", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM ca_certificates WHERE name_key > ? ORDER BY name_key LIMIT ?")) {
                statement.setString(1, after);
                statement.setInt(2, maxItems + 1);
                try (ResultSet rows = statement.executeQuery()) {
                    return KeysetPages.collect(rows, maxItems, "name_key", this::read);
                }
            }
        });
    }

    /** @throws ConflictException while enrollment groups reference the CA by name */
    boolean delete(String name, String ifMatch) {
        String key = X509References.nameKey(StoreKeys.requireId(NOUN, name));
        return jdbc.inTransaction("delete " + NOUN + " '" + name + "'", connection -> {
            Optional<CaCertificateRecord> current = select(connection, "name_key", key, true);
            if (current.isEmpty()) {
                return false;
            }
            Etags.check(NOUN, name, ifMatch, current.get().etag());
            List<String> groups = JdbcCertificateIndex.groupIdsReferencing(connection, key);
            if (!groups.isEmpty()) {
                throw new ConflictException(NOUN + " '" + current.get().name() + "' is still referenced by the caReferences of"
                        + " enrollment group(s) " + String.join(", ", groups) + "; change or delete those groups first");
            }
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM ca_certificates WHERE name_key = ?")) {
                statement.setString(1, key);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private void requireThumbprintFree(Connection connection, String thumbprint, String ownKey) throws SQLException {
        Optional<CaCertificateRecord> holder = select(connection, "sha256_thumbprint", thumbprint, false);
        if (holder.isPresent() && !X509References.nameKey(holder.get().name()).equals(ownKey)) {
            throw new ConflictException("this certificate (SHA-256 thumbprint " + thumbprint + ") is already registered as "
                    + NOUN + " '" + holder.get().name() + "'; a CA certificate can be registered under one name only");
        }
    }

    private Optional<CaCertificateRecord> select(Connection connection, String column, String value, boolean forUpdate)
            throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM ca_certificates WHERE " + column + " = ?"
                + (forUpdate ? jdbc.dialect().lockForUpdate() : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, value);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    private CaCertificateRecord read(ResultSet row) throws SQLException {
        return new CaCertificateRecord(row.getString("name"), row.getString("certificate_pem"),
                row.getString("sha256_thumbprint"), row.getBoolean("verified"), row.getString("verification_code"),
                jdbc.dialect().getInstant(row, "created_at"), jdbc.dialect().getInstant(row, "updated_at"),
                row.getString("etag"));
    }

    /** Binds the columns in {@link #COLUMNS} order, then {@code whereKey} when the statement has a WHERE. */
    private int write(Connection connection, String sql, String key, CaCertificateRecord stored, String whereKey)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, key);
            statement.setString(2, stored.name());
            statement.setString(3, stored.certificatePem());
            statement.setString(4, stored.sha256Thumbprint());
            statement.setBoolean(5, stored.verified());
            statement.setString(6, stored.verificationCode());
            jdbc.dialect().setInstant(statement, 7, stored.createdAt());
            jdbc.dialect().setInstant(statement, 8, stored.updatedAt());
            statement.setString(9, stored.etag());
            if (whereKey != null) {
                statement.setString(10, whereKey);
            }
            return statement.executeUpdate();
        }
    }
}
