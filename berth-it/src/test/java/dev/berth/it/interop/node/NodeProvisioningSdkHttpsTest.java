package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -http) against Berth's HTTPS device API.
 * That transport always dials port 443 ({@code "host:port"} fails name resolution), so this server binds 443:
 * CI runs as root, and surefire runs test classes one after another, so no other test holds the port meanwhile.
 */
class NodeProvisioningSdkHttpsTest extends NodeProvisioningScenarios {

    @Override
    BerthTestServer startServer(Path dataDirectory) {
        return BerthTestServer.start(dataDirectory, builder -> builder.httpsPort(443));
    }

    @Override
    String transport() {
        return "http";
    }

    @Override
    String host(BerthTestServer berth) {
        return "localhost";
    }
}
