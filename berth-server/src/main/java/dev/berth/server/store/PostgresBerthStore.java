package dev.berth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The scale-out store: every node points at the same PostgreSQL (or Postgres-compatible) database. The
 * schema is the connection's current one, so {@code ?currentSchema=name} in the URL selects it.
 */
public final class PostgresBerthStore {
    private static final int POOL_SIZE = 10;

    private PostgresBerthStore() {
    }

    /** The store in the given schema of the database the URL names (it adds {@code currentSchema} to the URL). */
    public static JdbcBerthStore open(String jdbcUrl, String user, String password, String schema) {
        return open(jdbcUrl + (jdbcUrl != null && jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    public static JdbcBerthStore open(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, got " + jdbcUrl);
        }
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("berth-postgresql");
        pool.setDriverClassName("org.postgresql.Driver");
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to PostgreSQL at " + jdbcUrl + " as " + user + ": "
                    + e.getMessage(), e);
        }
        return new JdbcBerthStore(dataSource, new PostgresDialect());
    }
}
