package dev.berth.app.bench.methods;

import dev.berth.app.CliException;
import dev.berth.app.bench.TargetAddress;
import java.net.URI;

/**
 * {@code --postgres-url/-user/-password} of {@code berth bench methods}. The bench loads the database with every
 * cross-node call, so, like {@code berth bench --target}, it only accepts a database on this machine.
 */
final class PostgresOption {
    private static final String PREFIX = "jdbc:postgresql://";

    private PostgresOption() {
    }

    /** @return the database, or null when no URL is given (single node only) */
    static HubNodes.Postgres parse(String url, String user, String password) {
        if (url == null) {
            if (user != null || password != null) {
                throw new CliException("--postgres-user and --postgres-password need --postgres-url");
            }
            return null;
        }
        String value = url.strip();
        if (!value.startsWith(PREFIX)) {
            throw new CliException("--postgres-url must be a JDBC URL like jdbc:postgresql://127.0.0.1:5432/berth, got '" + url + "'");
        }
        String host;
        try {
            host = URI.create(value.substring("jdbc:".length())).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new CliException("--postgres-url must name one host, like jdbc:postgresql://127.0.0.1:5432/berth, got '" + url + "'");
        }
        if (!TargetAddress.isLoopback(host)) {
            throw new CliException("--postgres-url points at " + host + ", which is not this machine; berth bench methods only loads a"
                    + " database on a loopback address");
        }
        if (value.contains("currentSchema=")) {
            throw new CliException("--postgres-url must not set currentSchema: the bench creates a schema of its own and drops it afterwards");
        }
        return new HubNodes.Postgres(value, user, password);
    }
}
