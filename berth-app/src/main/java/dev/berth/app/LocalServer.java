package dev.berth.app;

import dev.berth.hub.HubPolicy;
import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import dev.berth.server.store.BerthStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server of a data directory opened without binding its ports, to read its ID scope, keys and CA. This
 * works while {@code berth serve} runs on the same directory (SQLite in WAL mode allows a second process).
 * Closing it closes the server and its store.
 */
final class LocalServer implements AutoCloseable {
    private final BerthServer server;
    private final BerthStore store;

    private LocalServer(BerthServer server, BerthStore store) {
        this.server = server;
        this.store = store;
    }

    static LocalServer open(Path dataDirectory, Endpoints endpoints, StoreOptions storeOptions) {
        if (endpoints.isPostgres() && !storeOptions.usesPostgres()) {
            throw new CliException("the server of " + dataDirectory + " keeps its state in PostgreSQL (see "
                    + Endpoints.FILE_NAME + "); pass the same --postgres-url, --postgres-user and --postgres-password as to berth serve");
        }
        BerthStore store;
        try {
            store = storeOptions.openStoreIn(dataDirectory);
        } catch (RuntimeException e) {
            throw new CliException("cannot open the data directory " + dataDirectory + ": " + CliException.reason(e), e);
        }
        BerthServerBuilder builder = BerthServer.builder().dataDirectory(dataDirectory)
                .hostNames(endpoints.hostNames()).linkedHubs(endpoints.hubs())
                .mqttPort(endpoints.mqttPort()).httpsPort(endpoints.httpsPort()).store(store);
        try {
            return new LocalServer(builder.build(), store);
        } catch (RuntimeException e) {
            store.close();
            throw new CliException("cannot open the data directory " + dataDirectory + ": " + CliException.reason(e), e);
        }
    }

    BerthServer server() {
        return server;
    }

    /**
     * The {@code iothubowner} connection string of each embedded hub, as {@code berth serve} prints them: the
     * policy key comes from the store (created there if the hub has never run, as the hub itself would).
     */
    Map<String, String> hubConnectionStrings(Endpoints endpoints) {
        String key = HubPolicy.loadOrCreateKey(store);
        Map<String, String> connectionStrings = new LinkedHashMap<>();
        for (String hub : endpoints.embeddedHubs(server.linkedHubs())) {
            connectionStrings.put(hub, HubPolicy.connectionString(hub, server.httpsPort(), key));
        }
        return connectionStrings;
    }

    @Override
    public void close() {
        server.close();
    }
}
