package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -http) against Berth's HTTPS device API.
 * That transport always dials port 443 ({@code "host:port"} fails name resolution), so this server binds 443:
 * CI runs as root, and surefire runs test classes one after another, so no other test holds the port meanwhile.
 */
class NodeProvisioningSdkHttpsTest extends NodeProvisioningScenarios {
    @TempDir
    static Path dataDirectory;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dataDirectory, builder -> builder.httpsPort(443));
        enrollGroups(berth);
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
    }

    @Override
    BerthTestServer berth() {
        return berth;
    }

    @Override
    String transport() {
        return "http";
    }

    @Override
    String host() {
        return "localhost";
    }
}
