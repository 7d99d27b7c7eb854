package dev.berth.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs units of JDBC work on pooled connections and turns {@link SQLException} into
 * {@link StoreException}. Writes that read first run in one transaction; on PostgreSQL a transaction
 * that lost a serialisation race or a deadlock is run again, as the database asks.
 */
public final class Jdbc {
    private static final int ATTEMPTS_AFTER_SERIALISATION_FAILURE = 5;

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final SqlDialect dialect;

    public Jdbc(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** How many keys one {@code IN (...)} list takes: well under SQLite's and PostgreSQL's parameter limits. */
    public static final int IN_LIST_CHUNK = 500;

    /** Hands over one result row. */
    @FunctionalInterface
    public interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Binds the parameters that follow the {@code IN (...)} list, starting at {@code index}. */
    @FunctionalInterface
    public interface TrailingParameters {
        void bind(PreparedStatement statement, int index) throws SQLException;

        TrailingParameters NONE = (statement, index) -> { };
    }

    /**
     * Reads the rows of many keys in one query per {@link #IN_LIST_CHUNK} distinct keys instead of one per key.
     * @param sql a query whose {@code IN (%s)} takes the keys; parameters after it are bound by {@code trailing}
     */
    public void readInChunks(String what, String sql, Collection<String> keys, TrailingParameters trailing, RowReader rows) {
        List<String> distinct = keys.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += IN_LIST_CHUNK) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_CHUNK));
            autoCommit(what + " (" + chunk.size() + " keys)", connection -> {
                try (PreparedStatement statement = connection.prepareStatement(
                        String.format(sql, String.join(", ", Collections.nCopies(chunk.size(), "?"))))) {
                    for (int i = 0; i < chunk.size(); i++) {
                        statement.setString(i + 1, chunk.get(i));
                    }
                    trailing.bind(statement, chunk.size() + 1);
                    try (ResultSet row = statement.executeQuery()) {
                        while (row.next()) {
                            rows.read(row);
                        }
                    }
                }
                return null;
            });
        }
    }

    /** One statement (or several that need not be atomic) in auto-commit mode. */
    public <T> T autoCommit(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** All of the work or none of it. Exceptions other than SQL ones (e.g. a failed If-Match) roll back and pass through. */
    public <T> T inTransaction(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return runInTransaction(connection, work);
            } catch (SQLException e) {
                if (attempt >= ATTEMPTS_AFTER_SERIALISATION_FAILURE || !isWorthRetrying(e)) {
                    throw failure(what, e);
                }
            }
        }
    }

    /**
     * A transaction for rows that only matter while the nodes run (their messages to each other): on PostgreSQL it
     * commits without waiting for the log flush. A database crash may lose the last such commits (well under a
     * second of them), never corrupt them; everything a device or operator relies on uses {@link #inTransaction}.
     */
    public <T> T inTransactionWithoutFlush(String what, Work<T> work) {
        String relax = dialect.commitWithoutFlush();
        if (relax.isEmpty()) {
            return inTransaction(what, work);
        }
        return inTransaction(what, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(relax);
            }
            return work.run(connection);
        });
    }

    private static <T> T runInTransaction(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** 40001 serialization_failure (CockroachDB, SERIALIZABLE), 40P01 deadlock_detected. */
    private static boolean isWorthRetrying(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException(dialect.name() + " store failed to " + what + ": " + e.getMessage(), e);
    }
}
