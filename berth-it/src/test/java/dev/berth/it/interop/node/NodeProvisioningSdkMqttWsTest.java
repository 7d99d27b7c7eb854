package dev.berth.it.interop.node;

import dev.berth.it.BerthTestServer;
import java.nio.file.Path;

/**
 * The official Node.js provisioning SDK (azure-iot-provisioning-device + -mqtt's {@code MqttWs}) against Berth over
 * MQTT over WebSocket, as devices behind proxies and firewalls use it. That transport always dials
 * {@code wss://<host>:443/$iothub/websocket} (subprotocol {@code mqtt}), so this server's HTTPS listener binds 443:
 * CI runs as root, and surefire runs test classes one after another, so no other test holds the port meanwhile.
 * X.509 devices present their certificate (and intermediates) in the TLS handshake under the WebSocket.
 */
class NodeProvisioningSdkMqttWsTest extends NodeProvisioningScenarios {

    @Override
    BerthTestServer startServer(Path dataDirectory) {
        return BerthTestServer.start(dataDirectory, builder -> builder.httpsPort(443));
    }

    @Override
    String transport() {
        return "mqtt-ws";
    }

    @Override
    String host(BerthTestServer berth) {
        return "localhost";
    }
}
