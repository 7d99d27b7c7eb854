package dev.berth.server.mqtt;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import javax.net.ssl.SSLSession;

/**
 * A byte stream that carries MQTT: a TLS socket, or the binary frames of a WebSocket. Both feed the same
 * codec and the same session code.
 */
public interface MqttTransport {

    void dataHandler(Handler<Buffer> handler);

    void closeHandler(Handler<Void> handler);

    void write(Buffer data);

    void close();

    SocketAddress remoteAddress();

    /** The TLS session (for the client certificate chain), or null on a plain connection. */
    SSLSession sslSession();

    /** For logs and metric tags: {@code mqtt} or {@code mqtt-ws}. */
    String kind();
}
