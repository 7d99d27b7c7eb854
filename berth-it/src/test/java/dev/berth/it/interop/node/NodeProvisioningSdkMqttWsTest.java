package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -mqtt's {@code MqttWs}) against Berth over
 * MQTT over WebSocket, as devices behind proxies and firewalls use it. That transport always dials
 * {@code wss://<host>:443/$iothub/websocket} (subprotocol {@code mqtt}), so this server's HTTPS listener binds 443:
 * CI runs as root, and surefire runs test classes one after another, so no other test holds the port meanwhile.
 * X.509 devices present their certificate (and intermediates) in the TLS handshake under the WebSocket.
 */
class NodeProvisioningSdkMqttWsTest extends NodeProvisioningScenarios {
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
        return "mqtt-ws";
    }

    @Override
    String host() {
        return "localhost";
    }
}
