package dev.berth.app;

import dev.berth.server.store.BerthStore;
import dev.berth.server.store.PostgresBerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --postgres-*}: keep the server's state in PostgreSQL instead of the SQLite file in the data directory. */
public final class StoreOptions {

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL (jdbc:postgresql://host:5432/berth) instead of the embedded SQLite database.")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", description = "PostgreSQL user.")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", description = "PostgreSQL password.")
    String postgresPassword;

    boolean usesPostgres() {
        return postgresUrl != null;
    }

    /** The store the server of this data directory uses: PostgreSQL when given, else its SQLite file (as BerthServer opens it). */
    BerthStore openStoreIn(Path dataDirectory) {
        BerthStore postgres = openStore();
        return postgres != null ? postgres : SqliteBerthStore.open(dataDirectory.resolve("berth.db"));
    }

    /** The PostgreSQL store, or null for the default SQLite file in the data directory. */
    BerthStore openStore() {
        if (postgresUrl == null) {
            if (postgresUser != null || postgresPassword != null) {
                throw new CliException("--postgres-user and --postgres-password need --postgres-url");
            }
            return null;
        }
        try {
            return PostgresBerthStore.open(postgresUrl, postgresUser, postgresPassword);
        } catch (RuntimeException e) {
            throw new CliException(CliException.reason(e), e);
        }
    }
}
