package dev.berth.app.bench.methods;

import dev.berth.app.HubWiring;
import dev.berth.app.InProcessDataDirectory;
import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import dev.berth.server.store.PostgresBerthStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Berth servers with the embedded hub in this JVM, on free loopback ports: one on SQLite, or several sharing one
 * PostgreSQL database as hub nodes do behind a load balancer. On PostgreSQL the nodes get a schema of their own,
 * created for the run and dropped afterwards, so the bench leaves nothing in the user's database. The nodes share one
 * temporary data directory: it holds only the PKI then, so every node's certificate chains to the same CA.
 */
final class HubNodes implements AutoCloseable {
    static final String HUB = "hub.bench.berth.test";

    /** One started server with its hub's {@code iothubowner} connection string. */
    record Node(BerthServer server, String hubConnectionString) {
    }

    private final InProcessDataDirectory data;
    private final Postgres postgres;
    private final String schema;
    private final List<Node> nodes = new ArrayList<>();

    /** Where the nodes keep their state; null url means one node on SQLite in the data directory. */
    record Postgres(String url, String user, String password) {
    }

    private HubNodes(Postgres postgres) throws IOException, SQLException {
        this.postgres = postgres;
        data = InProcessDataDirectory.temporary("berth-bench-methods-");
        if (postgres == null) {
            schema = null;
        } else {
            schema = "berth_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            try {
                execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                data.close();
                throw e;
            }
        }
    }

    static HubNodes onSqlite() throws IOException, SQLException {
        return new HubNodes(null);
    }

    static HubNodes onPostgres(Postgres postgres) throws IOException, SQLException {
        return new HubNodes(postgres);
    }

    /** Starts one more node; on SQLite only one can run. */
    Node start() {
        if (postgres == null && !nodes.isEmpty()) {
            throw new IllegalStateException("one SQLite data directory serves one node");
        }
        HubWiring wiring = HubWiring.embeddedOnly(HUB);
        BerthServerBuilder builder = wiring.applyTo(BerthServer.builder()).dataDirectory(data.path()).bindHost("127.0.0.1")
                .mqttPort(0).httpsPort(0);
        if (postgres != null) {
            builder.store(PostgresBerthStore.open(postgres.url(), postgres.user(), postgres.password(), schema));
        }
        BerthServer server = builder.build().start();
        Node node = new Node(server, wiring.connectionStrings(server).get(HUB));
        nodes.add(node);
        return node;
    }

    /** What the report says about where the nodes keep their state. */
    String storeDescription() {
        return postgres == null ? "SQLite in " + data.path() : "PostgreSQL " + postgres.url() + ", schema " + schema + " (dropped afterwards)";
    }

    @Override
    public void close() throws Exception {
        try (data) {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).server().close();
            }
            nodes.clear();
            if (schema != null) {
                execute("DROP SCHEMA " + schema + " CASCADE");
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
