package dev.berth.server.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * One MQTT 3.1.1 connection over any {@link MqttTransport}: decodes packets with Netty's codec, answers
 * the protocol's own packets (PINGRESP, UNSUBACK), watches keep-alive, tracks QoS 1 deliveries until their
 * PUBACK, and hands CONNECT, SUBSCRIBE and PUBLISH to the session that owns it. Every server-side close
 * goes through the {@link MqttDisconnector}. All methods run on the connection's event loop.
 */
public final class MqttConnection {
    private static final int MQTT_3_1_1 = 4;

    private final Vertx vertx;
    private final MqttTransport transport;
    private final MqttFrameCodec codec;
    private final MqttDisconnector disconnector;
    private final Map<Integer, Promise<Void>> inflight = new HashMap<>();
    private Handler<MqttConnectMessage> connectHandler = c -> { };
    private Handler<InboundPublish> publishHandler = p -> { };
    private Handler<SubscribeRequest> subscribeHandler = s -> { };
    private Handler<Void> closeHandler = v -> { };
    private MqttConnectMessage connect;
    private boolean accepted;
    private boolean closed;
    private boolean disconnectReceived;
    private int nextMessageId = 1;
    private long lastReceived = System.nanoTime();
    private long keepAliveTimer = -1;

    public MqttConnection(Vertx vertx, MqttTransport transport, int maxMessageBytes, MqttDisconnector disconnector) {
        this.vertx = vertx;
        this.transport = transport;
        this.codec = new MqttFrameCodec(maxMessageBytes);
        this.disconnector = disconnector;
        transport.dataHandler(this::onData);
        transport.closeHandler(v -> onClosed());
    }

    public MqttConnection connectHandler(Handler<MqttConnectMessage> handler) {
        this.connectHandler = handler;
        return this;
    }

    public MqttConnection publishHandler(Handler<InboundPublish> handler) {
        this.publishHandler = handler;
        return this;
    }

    public MqttConnection subscribeHandler(Handler<SubscribeRequest> handler) {
        this.subscribeHandler = handler;
        return this;
    }

    public MqttConnection closeHandler(Handler<Void> handler) {
        this.closeHandler = handler;
        return this;
    }

    /** Closes the connection unless CONNECT arrives within the time. */
    public void expectConnectWithin(long millis) {
        vertx.setTimer(millis, t -> {
            if (connect == null && !closed) {
                disconnector.disconnect(this, "connect_timeout", "no CONNECT within " + millis + " ms of opening the connection");
            }
        });
    }

    private void onData(Buffer data) {
        lastReceived = System.nanoTime();
        List<MqttMessage> messages;
        try {
            messages = codec.decode(data);
        } catch (RuntimeException e) {
            disconnector.disconnect(this, "malformed_packet", "undecodable MQTT bytes: " + e.getMessage());
            return;
        }
        for (MqttMessage message : messages) {
            if (closed) {
                release(message);
                return;
            }
            if (message.decoderResult().isFailure()) {
                disconnector.disconnect(this, "malformed_packet", "malformed MQTT packet: " + message.decoderResult().cause().getMessage());
                return;
            }
            dispatch(message);
        }
    }

    private void dispatch(MqttMessage message) {
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            onConnect((MqttConnectMessage) message);
            return;
        }
        if (!accepted) {
            release(message);
            disconnector.disconnect(this, "protocol_violation", type + " before the connection was accepted");
            return;
        }
        switch (type) {
            case PUBLISH -> onPublish((MqttPublishMessage) message);
            case PUBACK -> onPubAck(((MqttMessageIdVariableHeader) message.variableHeader()).messageId());
            case SUBSCRIBE -> onSubscribe((MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> send(MqttMessageBuilders.unsubAck()
                    .packetId(((MqttMessageIdVariableHeader) message.variableHeader()).messageId()).build());
            case PINGREQ -> send(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
            case DISCONNECT -> {
                disconnectReceived = true;
                close();
            }
            default -> disconnector.disconnect(this, "unsupported_packet", type + " is not supported (QoS 2 is not available)");
        }
    }

    private void onConnect(MqttConnectMessage message) {
        if (connect != null) {
            disconnector.disconnect(this, "protocol_violation", "a second CONNECT on the same connection");
            return;
        }
        connect = message;
        if (message.variableHeader().version() != MQTT_3_1_1) {
            send(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION).build());
            disconnector.disconnect(this, "unsupported_protocol_version", "MQTT protocol level "
                    + message.variableHeader().version() + "; only MQTT 3.1.1 (level 4) is served");
            return;
        }
        connectHandler.handle(message);
    }

    private void onPublish(MqttPublishMessage message) {
        ByteBuf content = message.payload();
        byte[] payload = new byte[content.readableBytes()];
        content.readBytes(payload);
        content.release();
        publishHandler.handle(new InboundPublish(message.variableHeader().topicName(), message.fixedHeader().qosLevel(),
                message.variableHeader().packetId(), message.fixedHeader().isRetain(), payload));
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        List<SubscribeRequest.Subscription> subscriptions = new ArrayList<>();
        for (MqttTopicSubscription s : message.payload().topicSubscriptions()) {
            subscriptions.add(new SubscribeRequest.Subscription(s.topicName(), s.qualityOfService()));
        }
        subscribeHandler.handle(new SubscribeRequest(message.variableHeader().messageId(), subscriptions));
    }

    private void onPubAck(int messageId) {
        Promise<Void> delivered = inflight.remove(messageId);
        if (delivered != null) {
            delivered.tryComplete();
        }
    }

    /** Sends CONNACK 0 (session-present always 0: no SDK may see a restored session) and starts the keep-alive watch. */
    public void accept() {
        accept(false);
    }

    /**
     * Sends CONNACK 0 with the given session-present flag and starts the keep-alive watch. Provisioning always
     * passes false (C# fails otherwise); the hub passes true only when it restored a clean-session=0 device's
     * subscriptions.
     */
    public void accept(boolean sessionPresent) {
        accepted = true;
        send(MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).sessionPresent(sessionPresent).build());
        int keepAlive = connect.variableHeader().keepAliveTimeSeconds();
        if (keepAlive > 0) {
            long limitNanos = keepAlive * 1_500_000_000L;
            keepAliveTimer = vertx.setPeriodic(Math.max(1000, keepAlive * 500L), t -> {
                if (System.nanoTime() - lastReceived > limitNanos) {
                    disconnector.disconnect(this, "keep_alive_timeout", "nothing received for 1.5 × the keep-alive of " + keepAlive + " s");
                }
            });
        }
    }

    public void reject(MqttConnectReturnCode code, String reason, String detail) {
        send(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build());
        disconnector.disconnect(this, reason, detail);
    }

    public void publishAcknowledge(int messageId) {
        send(MqttMessageBuilders.pubAck().packetId(messageId).build());
    }

    public void subscribeAcknowledge(int messageId, List<MqttQoS> granted) {
        send(MqttMessageBuilders.subAck().packetId(messageId).addGrantedQoses(granted.toArray(MqttQoS[]::new)).build());
    }

    /** Publishes to the device; at QoS 1 the future completes on its PUBACK (or fails when the connection closes). */
    public Future<Void> publish(String topic, byte[] payload, MqttQoS qos) {
        if (closed) {
            return Future.failedFuture("connection closed");
        }
        int messageId = qos == MqttQoS.AT_MOST_ONCE ? 0 : nextMessageId();
        MqttPublishMessage message = MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false)
                .messageId(messageId).payload(Unpooled.wrappedBuffer(payload)).build();
        if (qos == MqttQoS.AT_MOST_ONCE) {
            send(message);
            return Future.succeededFuture();
        }
        Promise<Void> delivered = Promise.promise();
        inflight.put(messageId, delivered);
        send(message);
        return delivered.future();
    }

    private int nextMessageId() {
        do {
            nextMessageId = nextMessageId >= 0xffff ? 1 : nextMessageId + 1;
        } while (inflight.containsKey(nextMessageId));
        return nextMessageId;
    }

    private void send(MqttMessage message) {
        if (!closed) {
            transport.write(codec.encode(message));
        } else {
            release(message);
        }
    }

    public void close() {
        if (!closed) {
            transport.close();
            onClosed();
        }
    }

    private void onClosed() {
        if (closed) {
            return;
        }
        closed = true;
        if (keepAliveTimer >= 0) {
            vertx.cancelTimer(keepAliveTimer);
        }
        inflight.values().forEach(p -> p.tryFail("connection closed"));
        inflight.clear();
        codec.close();
        closeHandler.handle(null);
    }

    private static void release(MqttMessage message) {
        if (message instanceof MqttPublishMessage publish) {
            publish.release();
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    public String clientId() {
        return connect == null ? "" : connect.payload().clientIdentifier();
    }

    /** The username of the CONNECT, or null; present even without a password (X.509 devices send none). */
    public String username() {
        return connect == null || !connect.variableHeader().hasUserName() ? null : connect.payload().userName();
    }

    /** The password of the CONNECT as UTF-8 text, or null. */
    public String password() {
        return connect == null || !connect.variableHeader().hasPassword() || connect.payload().passwordInBytes() == null
                ? null : new String(connect.payload().passwordInBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The CONNECT's will message (topic, QoS, retain, payload; message ID 0), or null when the will flag is off. */
    public InboundPublish will() {
        if (connect == null || !connect.variableHeader().isWillFlag()) {
            return null;
        }
        byte[] payload = connect.payload().willMessageInBytes();
        return new InboundPublish(connect.payload().willTopic(), MqttQoS.valueOf(connect.variableHeader().willQos()), 0,
                connect.variableHeader().isWillRetain(), payload == null ? new byte[0] : payload);
    }

    /** True when the device ended the connection with DISCONNECT (a clean close: its will is not sent). */
    public boolean disconnectReceived() {
        return disconnectReceived;
    }

    public boolean cleanSession() {
        return connect != null && connect.variableHeader().isCleanSession();
    }

    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    public SSLSession sslSession() {
        return transport.sslSession();
    }

    public String transportKind() {
        return transport.kind();
    }
}
