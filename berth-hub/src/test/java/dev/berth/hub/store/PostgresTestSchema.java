package dev.berth.hub.store;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.PostgresBerthStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A throw-away schema in the database {@code BERTH_TEST_POSTGRES_URL} names ({@code .ci/start-postgres.sh} starts one).
 * Without the URL the test is skipped, except with {@code CI=true}, where a missing database is a failure.
 */
final class PostgresTestSchema {
    private static final String URL = System.getenv("BERTH_TEST_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_USER", "berth");
    private static final String PASSWORD = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_PASSWORD", "berth");

    private String schema;

    static boolean configured() {
        return URL != null && !URL.isBlank();
    }

    /** Call from {@code @BeforeAll}. */
    static void failInCiWithoutDatabase(String what) {
        if (!configured() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("BERTH_TEST_POSTGRES_URL is not set, but CI=true: CI must run the PostgreSQL " + what
                    + " (bash .ci/start-postgres.sh /tmp/pg.env && . /tmp/pg.env before the tests)");
        }
    }

    /** Creates a new schema and opens a provisioning store on it; skips the test when no database is configured. */
    JdbcBerthStore open(String what) {
        assumeTrue(configured(), "BERTH_TEST_POSTGRES_URL is not set: PostgreSQL " + what + " skipped");
        schema = "berth_hub_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        return PostgresBerthStore.open(URL, USER, PASSWORD, schema);
    }

    void drop() {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + URL + ": " + e.getMessage(), e);
        }
    }
}
