package dev.berth.hub.cluster;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on this node's channel on a connection of its own (not one held from the pool) and wakes the inbox on
 * every notification. When the connection drops it reconnects with back-off (0.1 s doubling to 5 s) and wakes the
 * inbox once connected again, since notifications sent meanwhile are lost; the inbox's periodic poll covers the gap.
 */
final class NotificationListener implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final String channel;
    private final Runnable wake;
    private final ClusterMetrics metrics;
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    NotificationListener(DataSource dataSource, String channel, Runnable wake, ClusterMetrics metrics) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.wake = wake;
        this.metrics = metrics;
    }

    void start() {
        running = true;
        thread = new Thread(this, "berth-hub-listen");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        long backoff = 100;
        while (running) {
            try (Connection listening = open(); Statement statement = listening.createStatement()) {
                connection = listening;
                statement.execute("LISTEN " + channel);
                LOG.debug("Hub node listening on {}", channel);
                backoff = 100;
                wake.run();
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        wake.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                metrics.failed("listen");
                LOG.warn("Hub node lost its LISTEN connection ({}); reconnecting in {} ms, polling meanwhile", e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    /** A connection outside the pool, so a pool of N keeps N for requests. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariDataSource pool && pool.getJdbcUrl() != null) {
            return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        }
        return dataSource.getConnection();
    }

    void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException e) {
                LOG.debug("Closing the LISTEN connection failed", e);
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
