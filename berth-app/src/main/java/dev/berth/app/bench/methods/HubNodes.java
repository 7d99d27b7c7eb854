package dev.berth.app.bench.methods;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.berth.hub.BerthHub;
import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import dev.berth.server.store.PostgresBerthStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Berth servers with the embedded hub in this JVM, on free loopback ports: one on SQLite, or several sharing one
 * PostgreSQL database as hub nodes do behind a load balancer. On PostgreSQL the nodes get a schema of their own,
 * created for the run and dropped afterwards, so the bench leaves nothing in the user's database. The nodes share one
 * temporary data directory: it holds only the PKI then, so every node's certificate chains to the same CA.
 */
final class HubNodes implements AutoCloseable {
    static final String HUB = "hub.bench.berth.test";

    /** One started server with its hub. */
    record Node(String name, BerthServer server, BerthHub hub) {
    }

    private final Path directory;
    private final Postgres postgres;
    private final String schema;
    private final List<Node> nodes = new ArrayList<>();
    private final Logger berthLog = (Logger) LoggerFactory.getLogger("dev.berth");
    private final Level previousLevel = berthLog.getLevel();

    /** Where the nodes keep their state; null url means one node on SQLite in the data directory. */
    record Postgres(String url, String user, String password) {
    }

    private HubNodes(Postgres postgres) throws IOException, SQLException {
        this.postgres = postgres;
        berthLog.setLevel(Level.WARN); // per-connection INFO lines would cost more than what is measured
        directory = Files.createTempDirectory("berth-bench-methods-");
        if (postgres == null) {
            schema = null;
        } else {
            schema = "berth_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            execute("CREATE SCHEMA " + schema);
        }
    }

    static HubNodes onSqlite() throws IOException, SQLException {
        return new HubNodes(null);
    }

    static HubNodes onPostgres(Postgres postgres) throws IOException, SQLException {
        return new HubNodes(postgres);
    }

    /** Starts one more node; on SQLite only one can run. */
    Node start(String name) {
        if (postgres == null && !nodes.isEmpty()) {
            throw new IllegalStateException("one SQLite data directory serves one node");
        }
        BerthHub hub = BerthHub.builder().hubHostNames(List.of(HUB)).build();
        BerthServerBuilder builder = BerthServer.builder().dataDirectory(directory).bindHost("127.0.0.1").mqttPort(0).httpsPort(0)
                .hostNames(List.of("localhost", HUB)).linkedHubs(List.of(HUB)).extension(hub).hubRegistry(hub.hubRegistry());
        if (postgres != null) {
            builder.store(PostgresBerthStore.open(postgres.url() + (postgres.url().contains("?") ? "&" : "?") + "currentSchema=" + schema,
                    postgres.user(), postgres.password()));
        }
        Node node = new Node(name, builder.build().start(), hub);
        nodes.add(node);
        return node;
    }

    /** What the report says about where the nodes keep their state. */
    String storeDescription() {
        return postgres == null ? "SQLite in " + directory : "PostgreSQL " + postgres.url() + ", schema " + schema + " (dropped afterwards)";
    }

    @Override
    public void close() throws Exception {
        try {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).server().close();
            }
            nodes.clear();
            if (schema != null) {
                execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } finally {
            berthLog.setLevel(previousLevel);
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.url(), postgres.user(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
