package dev.berth.server.store;

import static dev.berth.server.store.StoreFixtures.enrollment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the embedded default, plus what only SQLite needs: WAL and several processes on one file. */
class SqliteBerthStoreTest extends BerthStoreContract {

    @TempDir
    Path dataDir;

    private Path databaseFile() {
        return dataDir.resolve("data").resolve("berth.db");
    }

    @Override
    protected JdbcBerthStore openStore() {
        return SqliteBerthStore.open(databaseFile());
    }

    @Test
    void database_file_is_in_wal_mode() throws Exception {
        store().putEnrollment(enrollment("dev-1"), null);

        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + databaseFile());
             Statement statement = raw.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualToIgnoringCase("wal");
        }
        assertThat(Files.exists(databaseFile().resolveSibling("berth.db-wal"))).isTrue();
    }

    @Test
    void two_stores_on_one_file_write_concurrently_without_busy_errors() throws Exception {
        // Two pools on one file behave like two processes: only SQLite's own locking keeps them apart.
        try (JdbcBerthStore second = SqliteBerthStore.open(databaseFile())) {
            BerthStore[] nodes = {store(), second};
            ConcurrentWritesContract.runConcurrently(10, i -> () -> {
                for (int n = 0; n < 20; n++) {
                    nodes[i % 2].putEnrollment(enrollment("node" + (i % 2) + "-t" + i + "-" + n), null);
                    nodes[(i + 1) % 2].settingIfAbsent("shared-" + n, "from-thread-" + i);
                }
                return null;
            });
            assertThat(second.listEnrollments(500, null).items()).hasSize(200);
            assertThat(store().setting("shared-19")).isEqualTo(second.setting("shared-19"));
        }
    }

    @Test
    void a_database_path_that_cannot_be_created_fails_with_a_clear_message() throws Exception {
        Path blocker = Files.writeString(dataDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> SqliteBerthStore.open(blocker.resolve("berth.db")))
                .isInstanceOf(StoreException.class).hasMessageContaining("not-a-directory");
    }
}
