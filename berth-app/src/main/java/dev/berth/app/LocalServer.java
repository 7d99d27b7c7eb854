package dev.berth.app;

import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import java.nio.file.Path;

/**
 * Opens the server of a data directory without binding its ports, to read its ID scope, keys and CA. This
 * works while {@code berth serve} runs on the same directory (SQLite in WAL mode allows a second process).
 */
final class LocalServer {

    private LocalServer() {
    }

    static BerthServer open(Path dataDirectory, Endpoints endpoints, StoreOptions storeOptions) {
        if (endpoints.isPostgres() && !storeOptions.usesPostgres()) {
            throw new CliException("the server of " + dataDirectory + " keeps its state in PostgreSQL (see "
                    + Endpoints.FILE_NAME + "); pass the same --postgres-url, --postgres-user and --postgres-password as to berth serve");
        }
        BerthServerBuilder builder = BerthServer.builder().dataDirectory(dataDirectory)
                .hostNames(endpoints.hostNames()).linkedHubs(endpoints.hubs())
                .mqttPort(endpoints.mqttPort()).httpsPort(endpoints.httpsPort())
                .store(storeOptions.openStore());
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw new CliException("cannot open the data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
    }
}
