package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -mqtt) against Berth over MQTT/TLS on a
 * free port: the SDK takes {@code "localhost:port"} as its provisioning host and trusts Berth's CA through
 * {@code NODE_EXTRA_CA_CERTS}.
 */
class NodeProvisioningSdkMqttTest extends NodeProvisioningScenarios {
    @TempDir
    static Path dataDirectory;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dataDirectory);
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
        return "mqtt";
    }

    @Override
    String host() {
        return "localhost:" + berth.mqttPort();
    }
}
