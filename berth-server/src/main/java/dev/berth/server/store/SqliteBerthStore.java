package dev.berth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded default: one SQLite file in the data directory.
 *
 * <p>SQLite lets many readers work alongside one writer (WAL). Transactions begin IMMEDIATE, taking the
 * write lock before their first read, so two read-then-write transactions never deadlock on a lock
 * upgrade (which SQLite reports as SQLITE_BUSY at once, without waiting); a writer that finds the lock
 * taken waits up to the busy timeout. The pool stays small because only one connection writes at a time.
 */
public final class SqliteBerthStore {
    static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final int POOL_SIZE = 4;

    private SqliteBerthStore() {
    }

    public static JdbcBerthStore open(Path databaseFile) {
        Path file = databaseFile.toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of the database " + file + ": " + e.getMessage(), e);
        }
        SQLiteDataSource sqlite = new SQLiteDataSource(config());
        sqlite.setUrl("jdbc:sqlite:" + file);

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("berth-sqlite");
        pool.setDataSource(sqlite);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        // A caller may wait behind every other writer; give up only after SQLite itself would.
        pool.setConnectionTimeout(BUSY_TIMEOUT_MILLIS + 5_000L);
        try {
            return new JdbcBerthStore(new HikariDataSource(pool), new SqliteDialect());
        } catch (RuntimeException e) {
            throw e instanceof StoreException ? e : new StoreException("cannot open the SQLite database " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a registration answered "assigned" survives a power cut, not only a process crash.
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }
}
