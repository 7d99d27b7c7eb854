package dev.berth.it.scale;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.PostgresBerthStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away schema in the database {@code BERTH_TEST_POSTGRES_URL} names, for nodes that share it. Without the URL
 * the test is skipped so that {@code ./mvnw verify} runs on a machine with only a JDK; with {@code CI=true} a missing
 * database is a failure, so CI cannot skip these tests silently ({@code .ci/run} starts PostgreSQL).
 */
final class PostgresTestSchema implements AutoCloseable {
    private static final String URL = System.getenv("BERTH_TEST_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_USER", "berth");
    private static final String PASSWORD = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_PASSWORD", "berth");

    private final String schema;

    private PostgresTestSchema(String schema) {
        this.schema = schema;
    }

    /** Creates a schema named {@code prefix} plus random characters, or skips (fails under CI) without a database. */
    static PostgresTestSchema create(String prefix, String what) {
        if (URL == null || URL.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("BERTH_TEST_POSTGRES_URL is not set, but CI=true: CI must run " + what
                        + " (bash .ci/start-postgres.sh /tmp/pg.env && . /tmp/pg.env before the tests)");
            }
            assumeTrue(false, "BERTH_TEST_POSTGRES_URL is not set: " + what + " skipped");
        }
        String schema = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        return new PostgresTestSchema(schema);
    }

    /** A store on the schema, as each node opens its own. */
    JdbcBerthStore openStore() {
        return PostgresBerthStore.open(URL, USER, PASSWORD, schema);
    }

    /** Runs SQL in the schema (to stage what a crashed node leaves behind). */
    void executeInSchema(String sql) {
        execute("SET search_path TO " + schema + "; " + sql);
    }

    /** The one number a query of the whole database answers, e.g. a count from {@code pg_stat_activity}. */
    static int numberOf(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + schema + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "': " + e.getMessage(), e);
        }
    }
}
