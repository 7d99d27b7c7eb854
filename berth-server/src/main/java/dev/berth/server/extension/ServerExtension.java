package dev.berth.server.extension;

import dev.berth.server.mqtt.MqttConnection;
import io.vertx.ext.web.Router;

/**
 * Something that shares the server's listeners: the embedded IoT hub serves its device sessions on the
 * same MQTT port (told apart by the CONNECT username) and its REST API on the same HTTPS port.
 */
public interface ServerExtension {

    /** Called once while the server starts, before the listeners bind. */
    void start(ExtensionContext context);

    /** Adds the extension's HTTP routes; they must not claim the provisioning paths. */
    void mountRoutes(Router router);

    /** Whether this extension serves an MQTT connection whose CONNECT has this username. */
    boolean servesMqttUsername(String username);

    /** Takes over a connection whose CONNECT arrived (not yet answered) with a username this extension serves. */
    void openMqttSession(MqttConnection connection);

    /** Called while the server closes, before Vert.x stops. */
    void stop();
}
