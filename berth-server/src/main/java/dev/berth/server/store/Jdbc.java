package dev.berth.server.store;

import java.sql.Connection;
import java.sql.SQLException;
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
