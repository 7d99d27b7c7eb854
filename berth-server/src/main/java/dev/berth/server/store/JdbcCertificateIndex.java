package dev.berth.server.store;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.server.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds X.509 enrollments by their certificates: the {@code certificate_thumbprints} and
 * {@code group_ca_references} tables, rewritten in the transaction that writes the enrollment itself.
 */
final class JdbcCertificateIndex {
    private final Jdbc jdbc;

    JdbcCertificateIndex(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces what is indexed for one enrollment with what its attestation holds now.
     *
     * @throws ConflictException when one of its certificates is in another enrollment (the transaction rolls back)
     */
    void replace(Connection connection, String ownerKind, String ownerKey, String ownerId, AttestationMechanism attestation)
            throws SQLException {
        remove(connection, ownerKind, ownerKey);
        for (Map.Entry<String, String> thumbprint : X509References.thumbprints(attestation).entrySet()) {
            // DO NOTHING (rather than a failed statement) keeps a PostgreSQL transaction usable; it also waits for a
            // concurrent insert of the same thumbprint to commit, so the owner read below sees the winner.
            if (update(connection, "INSERT INTO certificate_thumbprints (sha256_thumbprint, owner_kind, owner_key, owner_id,"
                    + " role) VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256_thumbprint) DO NOTHING",
                    thumbprint.getKey(), ownerKind, ownerKey, ownerId, thumbprint.getValue()) == 0) {
                CertificateOwner owner = owner(connection, thumbprint.getKey()).orElseThrow(
                        () -> new SQLException("certificate " + thumbprint.getKey() + " kept changing owner while being saved"));
                throw new ConflictException("the certificate with SHA-256 thumbprint " + thumbprint.getKey()
                        + " is already in " + describe(owner) + "; a certificate may be in only one enrollment,"
                        + " so remove it there first");
            }
        }
        if (CertificateOwner.GROUP.equals(ownerKind)) {
            for (String caNameKey : X509References.caNameKeys(attestation)) {
                update(connection, "INSERT INTO group_ca_references (ca_name_key, group_key) VALUES (?, ?)"
                        + " ON CONFLICT (ca_name_key, group_key) DO NOTHING", caNameKey, ownerKey);
            }
        }
    }

    void remove(Connection connection, String ownerKind, String ownerKey) throws SQLException {
        update(connection, "DELETE FROM certificate_thumbprints WHERE owner_kind = ? AND owner_key = ?", ownerKind, ownerKey);
        if (CertificateOwner.GROUP.equals(ownerKind)) {
            update(connection, "DELETE FROM group_ca_references WHERE group_key = ?", ownerKey);
        }
    }

    Optional<CertificateOwner> findOwner(String sha256Thumbprint) {
        String thumbprint = X509References.thumbprintKey(sha256Thumbprint);
        return jdbc.autoCommit("read the owner of certificate " + thumbprint, connection -> owner(connection, thumbprint));
    }

    Optional<EnrollmentGroup> findGroupBySigningCertificate(String sha256Thumbprint) {
        String thumbprint = X509References.thumbprintKey(sha256Thumbprint);
        List<EnrollmentGroup> groups = groups("read the enrollment group of signing certificate " + thumbprint,
                "SELECT g.document FROM certificate_thumbprints t JOIN enrollment_groups g ON g.group_key = t.owner_key"
                        + " WHERE t.sha256_thumbprint = ? AND t.owner_kind = ? AND t.role = ?",
                thumbprint, CertificateOwner.GROUP, X509References.SIGNING);
        return groups.stream().findFirst();
    }

    List<EnrollmentGroup> findGroupsByCaReference(String caName) {
        return groups("read the enrollment groups of CA '" + caName + "'",
                "SELECT g.document FROM group_ca_references r JOIN enrollment_groups g ON g.group_key = r.group_key"
                        + " WHERE r.ca_name_key = ? ORDER BY g.group_key", X509References.nameKey(caName));
    }

    /** IDs of the groups whose caReferences name this CA, in ID order, read inside the caller's transaction. */
    static List<String> groupIdsReferencing(Connection connection, String caNameKey) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT g.enrollment_group_id FROM group_ca_references r"
                + " JOIN enrollment_groups g ON g.group_key = r.group_key WHERE r.ca_name_key = ? ORDER BY g.group_key")) {
            statement.setString(1, caNameKey);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private List<EnrollmentGroup> groups(String what, String sql, String... parameters) {
        return jdbc.autoCommit(what, connection -> {
            List<EnrollmentGroup> groups = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        groups.add(Json.read(rows.getString(1), EnrollmentGroup.class));
                    }
                }
            }
            return groups;
        });
    }

    private static Optional<CertificateOwner> owner(Connection connection, String thumbprint) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT owner_kind, owner_id FROM certificate_thumbprints WHERE sha256_thumbprint = ?")) {
            statement.setString(1, thumbprint);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(new CertificateOwner(row.getString(1), row.getString(2))) : Optional.empty();
            }
        }
    }

    private static String describe(CertificateOwner owner) {
        return (CertificateOwner.GROUP.equals(owner.kind()) ? "enrollment group '" : "individual enrollment '") + owner.id() + "'";
    }

    private static int update(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }
}
