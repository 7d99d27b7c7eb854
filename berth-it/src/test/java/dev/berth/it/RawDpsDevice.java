package dev.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;

/**
 * A device that speaks DPS over MQTT by hand (HiveMQ client), so tests can send exactly the bytes an
 * official SDK sends, or malformed ones, and read the raw answers.
 */
final class RawDpsDevice implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(String topic, JsonNode body) {
        int status() {
            return Integer.parseInt(topic.split("/")[3]);
        }
    }

    private final Mqtt3BlockingClient client;
    private Mqtt3BlockingClient.Mqtt3Publishes publishes;

    RawDpsDevice(int port, TrustManagerFactory trust, String clientId) {
        this.client = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("localhost").serverPort(port)
                .sslConfig().trustManagerFactory(trust).applySslConfig().buildBlocking();
    }

    private RawDpsDevice(Mqtt3BlockingClient client) {
        this.client = client;
    }

    /** MQTT over a WebSocket on the HTTPS port: {@code wss://localhost:port/{path}?{query}} offering the subprotocol. */
    static RawDpsDevice overWebSocket(int httpsPort, TrustManagerFactory trust, String clientId, String path, String query,
            String subprotocol) {
        return new RawDpsDevice(MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("localhost")
                .serverPort(httpsPort).sslConfig().trustManagerFactory(trust).applySslConfig()
                .webSocketConfig().serverPath(path).queryString(query).subprotocol(subprotocol).applyWebSocketConfig()
                .buildBlocking());
    }

    /** MQTT over TLS presenting a client certificate (X.509 attestation). */
    static RawDpsDevice withClientCertificate(int port, TrustManagerFactory trust, String clientId,
            javax.net.ssl.KeyManagerFactory clientCertificate) {
        return new RawDpsDevice(MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("localhost")
                .serverPort(port).sslConfig().trustManagerFactory(trust).keyManagerFactory(clientCertificate).applySslConfig()
                .buildBlocking());
    }

    Mqtt3ConnAck connect(String username, String password, boolean cleanSession) {
        var connect = client.connectWith().cleanSession(cleanSession).keepAlive(60);
        Mqtt3ConnAck ack = password == null
                ? connect.simpleAuth().username(username).applySimpleAuth().send()
                : connect.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        publishes = client.publishes(MqttGlobalPublishFilter.ALL);
        return ack;
    }

    void subscribe() {
        client.subscribeWith().topicFilter("$dps/registrations/res/#").qos(MqttQos.AT_LEAST_ONCE).send();
    }

    void publish(String topic, String body, MqttQos qos) {
        client.publishWith().topic(topic).qos(qos).payload(body.getBytes(StandardCharsets.UTF_8)).send();
    }

    Answer request(String topic, String body, MqttQos qos) throws Exception {
        publish(topic, body, qos);
        return next().orElseThrow(() -> new AssertionError("no answer to " + topic + " within 10 s"));
    }

    Optional<Answer> next() throws Exception {
        Optional<Mqtt3Publish> publish = publishes.receive(10, TimeUnit.SECONDS);
        if (publish.isEmpty()) {
            return Optional.empty();
        }
        String text = new String(publish.get().getPayloadAsBytes(), StandardCharsets.UTF_8);
        return Optional.of(new Answer(publish.get().getTopic().toString(), JSON.readTree(text)));
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
