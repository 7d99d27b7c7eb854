package dev.berth.server.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets the service API on a fresh SQLite store in its own directory, stopped afterwards. */
abstract class ServiceApiTestBase {
    @TempDir
    Path dir;
    ServiceApiFixture api;

    @BeforeEach
    void startServiceApi() throws Exception {
        api = ServiceApiFixture.start(dir);
    }

    @AfterEach
    void stopServiceApi() {
        api.close();
    }
}
