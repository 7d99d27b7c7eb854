package dev.berth.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /** The distinct keys in chunks of at most {@link #IN_LIST_CHUNK}, for lookups of many rows in few queries. */
    public static <K> List<List<K>> chunks(Collection<K> keys) {
        List<K> distinct = keys.stream().distinct().toList();
        List<List<K>> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += IN_LIST_CHUNK) {
            chunks.add(distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_CHUNK)));
        }
        return chunks;
    }

    /** {@code ?, ?, ?} for an {@code IN (...)} list of {@code count} parameters. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
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
