package dev.berth.hub.store;

import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteClusterStoreTest extends ClusterStoreContract {
    @TempDir
    Path directory;

    @Override
    protected JdbcBerthStore openProvisioningStore() {
        return SqliteBerthStore.open(directory.resolve("berth.db"));
    }
}
