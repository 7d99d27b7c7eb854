package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -mqtt) against Berth over MQTT/TLS on a
 * free port: the SDK takes {@code "localhost:port"} as its provisioning host and trusts Berth's CA through
 * {@code NODE_EXTRA_CA_CERTS}.
 */
class NodeProvisioningSdkMqttTest extends NodeProvisioningScenarios {

    @Override
    BerthTestServer startServer(Path dataDirectory) {
        return BerthTestServer.start(dataDirectory);
    }

    @Override
    String transport() {
        return "mqtt";
    }

    @Override
    String host(BerthTestServer berth) {
        return "localhost:" + berth.mqttPort();
    }
}
