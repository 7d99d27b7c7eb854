package dev.berth.server.mqtt;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT over a WebSocket (RFC 6455, subprotocol {@code mqtt}): the payloads of binary frames form the same byte
 * stream a TLS socket carries, so one packet may span frames and one frame may hold several packets. Text
 * frames are a protocol violation and close the socket. The server pings the client at an interval shorter
 * than the HTTPS listener's idle timeout, so that a quiet MQTT session (keep-alive up to 230 s) is not
 * mistaken for an idle HTTP connection; MQTT's own keep-alive still detects dead clients.
 */
public final class WebSocketMqttTransport implements MqttTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketMqttTransport.class);
    /** WebSocket status 1003: the endpoint received a type of data it cannot accept. */
    private static final short UNSUPPORTED_DATA = 1003;

    private final ServerWebSocket socket;
    private Handler<Buffer> dataHandler = b -> { };
    private Handler<Void> closeHandler = v -> { };
    private boolean closing;

    public WebSocketMqttTransport(Vertx vertx, ServerWebSocket socket, Duration pingInterval) {
        this.socket = socket;
        socket.frameHandler(this::onFrame);
        socket.exceptionHandler(this::onError);
        long pinger = vertx.setPeriodic(Math.max(50, pingInterval.toMillis()), t -> {
            if (!socket.isClosed()) {
                socket.writePing(Buffer.buffer());
            }
        });
        socket.closeHandler(v -> {
            vertx.cancelTimer(pinger);
            closeHandler.handle(null);
        });
    }

    /** A broken frame closes the socket (Netty does that); say why, where a dropped connection only needs a debug line. */
    private void onError(Throwable e) {
        if (e instanceof CorruptedWebSocketFrameException) {
            LOG.warn("Closing MQTT over WebSocket from {}: the client broke the WebSocket framing: {}", socket.remoteAddress(),
                    e.getMessage());
        } else {
            LOG.debug("MQTT over WebSocket from {}: {}", socket.remoteAddress(), e.toString());
        }
    }

    private void onFrame(WebSocketFrame frame) {
        if (closing) {
            return;
        }
        if (frame.isText()) {
            closing = true;
            LOG.warn("Closing MQTT over WebSocket from {}: a text frame arrived; MQTT packets travel in binary frames",
                    socket.remoteAddress());
            socket.close(UNSUPPORTED_DATA, "MQTT packets must be sent in binary frames");
            return;
        }
        if (frame.isBinary() || frame.isContinuation()) {
            dataHandler.handle(frame.binaryData());
        }
    }

    @Override
    public void dataHandler(Handler<Buffer> handler) {
        this.dataHandler = handler;
    }

    @Override
    public void closeHandler(Handler<Void> handler) {
        this.closeHandler = handler;
    }

    @Override
    public void write(Buffer data) {
        socket.writeBinaryMessage(data);
    }

    @Override
    public void close() {
        closing = true;
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
        return "mqtt-ws";
    }
}
