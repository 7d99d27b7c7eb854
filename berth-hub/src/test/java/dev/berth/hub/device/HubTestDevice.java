package dev.berth.hub.device;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A device speaking the hub protocol by hand over the HiveMQ client, so tests send exactly the bytes the
 * SDKs send (or bad ones) and see every publish the hub sends back. With manual acknowledgement, the test
 * decides whether a received QoS 1 message gets its PUBACK.
 */
final class HubTestDevice implements AutoCloseable {
    final String deviceId;
    private final Mqtt3BlockingClient client;
    private final BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();

    HubTestDevice(HubTestServer server, String deviceId, KeyManagerFactory certificate, boolean manualAcknowledgement) {
        this.deviceId = deviceId;
        TrustManagerFactory trust = server.trust();
        var ssl = MqttClient.builder()
                .useMqttVersion3().identifier(deviceId).serverHost("localhost").serverPort(server.mqttPort())
                .sslConfig().trustManagerFactory(trust);
        if (certificate != null) {
            ssl = ssl.keyManagerFactory(certificate);
        }
        this.client = ssl.applySslConfig().buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add, manualAcknowledgement);
    }

    HubTestDevice(HubTestServer server, String deviceId) {
        this(server, deviceId, null, false);
    }

    /** The SAS token the official Java SDK sends: sr not encoded, fields sig, se, sr. */
    static String javaStyleToken(String key, String hub, String deviceId, long expiry) {
        String sr = hub + "/devices/" + deviceId;
        String sig = SharedAccessSignatures.hmacBase64(key, sr + "\n" + expiry);
        return "SharedAccessSignature sig=" + java.net.URLEncoder.encode(sig, StandardCharsets.UTF_8) + "&se=" + expiry + "&sr=" + sr;
    }

    /** The SAS token the Node SDK sends: sr URL-encoded and signed encoded, no skn. */
    static String nodeStyleToken(String key, String hub, String deviceId, long expiry) {
        return SharedAccessSignatures.createToken(key, hub + "/devices/" + deviceId, expiry, null);
    }

    static String username(String deviceId) {
        return HubTestServer.HUB + "/" + deviceId + "/?api-version=2021-04-12&DeviceClientType=test";
    }

    static long inAnHour() {
        return Instant.now().plusSeconds(3600).getEpochSecond();
    }

    Mqtt3ConnAck connect(String password, boolean cleanSession) {
        return connect(username(deviceId), password, cleanSession);
    }

    Mqtt3ConnAck connect(String username, String password, boolean cleanSession) {
        return connect(username, password, cleanSession, null);
    }

    /** Connects with a will message on {@code willTopic} (null for none). */
    Mqtt3ConnAck connect(String username, String password, boolean cleanSession, String willTopic) {
        var connect = client.connectWith().cleanSession(cleanSession).keepAlive(60);
        if (willTopic != null) {
            connect = connect.willPublish().topic(willTopic).payload("gone".getBytes(StandardCharsets.UTF_8)).qos(MqttQos.AT_LEAST_ONCE)
                    .applyWillPublish();
        }
        return password == null
                ? connect.simpleAuth().username(username).applySimpleAuth().send()
                : connect.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    }

    /** The CONNACK return code of a refused connect. */
    Mqtt3ConnAckReturnCode refusedConnect(String username, String password) {
        try {
            connect(username, password, true);
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
        throw new AssertionError("the connection was accepted");
    }

    List<Mqtt3SubAckReturnCode> subscribe(String filter, MqttQos qos) {
        try {
            return client.subscribeWith().topicFilter(filter).qos(qos).send().getReturnCodes();
        } catch (com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException refused) {
            return refused.getMqttMessage().getReturnCodes(); // the client throws when every filter was refused
        }
    }

    void publish(String topic, byte[] body, MqttQos qos) {
        client.publishWith().topic(topic).qos(qos).payload(body).send();
    }

    void publish(String topic, String body, MqttQos qos) {
        publish(topic, body.getBytes(StandardCharsets.UTF_8), qos);
    }

    /** Publishes without waiting for the PUBACK (the hub may close the connection instead). */
    void publishAsync(String topic, byte[] body, MqttQos qos) {
        client.toAsync().publishWith().topic(topic).qos(qos).payload(body).send();
    }

    void publishRetained(String topic, String body) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(true).payload(body.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** The next message the hub sent, failing the test after 10 s. */
    Mqtt3Publish next() throws InterruptedException {
        Mqtt3Publish publish = received.poll(10, TimeUnit.SECONDS);
        if (publish == null) {
            throw new AssertionError("device '" + deviceId + "' received nothing within 10 s");
        }
        return publish;
    }

    /** The next message within the time, or null. */
    Mqtt3Publish poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    static String text(Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    /** A clean DISCONNECT (the HiveMQ client cannot drop the socket without one). */
    void disconnect() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }

    @Override
    public void close() {
        disconnect();
    }
}
