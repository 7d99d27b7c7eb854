package dev.berth.server.store;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on PostgreSQL, when {@code BERTH_TEST_POSTGRES_URL} names a database ({@code .ci/start-postgres.sh}
 * starts one). Each test gets a schema of its own, dropped afterwards, so runs never see each other's rows.
 * Skipped without the URL, except in CI ({@code CI=true}), where a missing database is a failure.
 */
class PostgresBerthStoreTest extends BerthStoreContract {
    private static final String URL = System.getenv("BERTH_TEST_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_USER", "berth");
    private static final String PASSWORD = System.getenv().getOrDefault("BERTH_TEST_POSTGRES_PASSWORD", "berth");

    private String schema;

    private static boolean configured() {
        return URL != null && !URL.isBlank();
    }

    @BeforeAll
    static void failInCiWithoutDatabase() {
        if (!configured() && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("BERTH_TEST_POSTGRES_URL is not set, but CI=true: CI must run the PostgreSQL store contract"
                    + " (bash .ci/start-postgres.sh /tmp/pg.env && . /tmp/pg.env before the tests)");
        }
    }

    @Override
    protected JdbcBerthStore openStore() {
        // Checked per test (from the contract's @BeforeEach) so that each skipped test is reported as skipped.
        assumeTrue(configured(), "BERTH_TEST_POSTGRES_URL is not set: PostgreSQL store contract skipped");
        if (schema == null) {
            schema = "berth_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
            execute("CREATE SCHEMA " + schema);
        }
        return PostgresBerthStore.open(URL, USER, PASSWORD, schema);
    }

    @Override
    protected void discardDatabase() {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
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
