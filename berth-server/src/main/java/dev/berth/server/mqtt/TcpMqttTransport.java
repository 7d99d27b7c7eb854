package dev.berth.server.mqtt;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import javax.net.ssl.SSLSession;

/** MQTT over a (TLS) TCP socket. */
public final class TcpMqttTransport implements MqttTransport {
    private final NetSocket socket;

    public TcpMqttTransport(NetSocket socket) {
        this.socket = socket;
    }

    @Override
    public void dataHandler(Handler<Buffer> handler) {
        socket.handler(handler);
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        socket.closeHandler(handler);
    }

    @Override
    public void write(Buffer data) {
        socket.write(data);
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public SocketAddress remoteAddress() {
        return socket.remoteAddress();
    }

    @Override
    public SSLSession sslSession() {
        return socket.sslSession();
    }

    @Override
    public String kind() {
        return "mqtt";
    }
}
