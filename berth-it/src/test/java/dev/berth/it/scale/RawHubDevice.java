package dev.berth.it.scale;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAck;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.berth.protocol.hub.HubDownlinkTopic;
import dev.berth.protocol.hub.HubTopics;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A device speaking the hub protocol by hand (HiveMQ client, no automatic reconnect), for what the SDK hides:
 * the CONNACK's session-present flag, exact topics and bodies, answering a method or not at all.
 */
final class RawHubDevice implements AutoCloseable {
    private final String deviceId;
    private final String key;
    private final Mqtt3BlockingClient client;
    private final BlockingQueue<Mqtt3Publish> received = new LinkedBlockingQueue<>();

    RawHubDevice(HubNodesOnPostgres nodes, HubNodesOnPostgres.Node node, String deviceId, String key) {
        this.deviceId = deviceId;
        this.key = key;
        this.client = MqttClient.builder().useMqttVersion3().identifier(deviceId).serverHost("localhost").serverPort(node.mqttPort())
                .sslConfig().trustManagerFactory(nodes.trustedCa().trustManagerFactory()).applySslConfig().buildBlocking();
        client.toAsync().publishes(MqttGlobalPublishFilter.ALL, received::add);
    }

    Mqtt3ConnAck connect(boolean cleanSession) {
        String token = SharedAccessSignatures.createToken(key, HubUsername.resource(HubNodesOnPostgres.HUB, deviceId),
                Instant.now().plusSeconds(3600).getEpochSecond(), null);
        return client.connectWith().cleanSession(cleanSession).keepAlive(60).simpleAuth()
                .username(HubUsername.format(HubNodesOnPostgres.HUB, deviceId, null))
                .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
    }

    void subscribe(String filter) {
        client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send();
    }

    /** The next message the hub sent, failing after 10 s. */
    Mqtt3Publish next() throws InterruptedException {
        Mqtt3Publish publish = received.poll(10, TimeUnit.SECONDS);
        if (publish == null) {
            throw new AssertionError("device '" + deviceId + "' received nothing within 10 s");
        }
        return publish;
    }

    /** Waits for a method request and answers it with this status and body. @return the request */
    Mqtt3Publish answerNextMethod(int status, String body) throws InterruptedException {
        Mqtt3Publish request = next();
        if (!(HubDownlinkTopic.parse(request.getTopic().toString(), deviceId) instanceof HubDownlinkTopic.MethodRequest method)) {
            throw new AssertionError("expected a method request, got " + request.getTopic());
        }
        client.publishWith().topic(HubTopics.methodResponse(status, method.rid())).qos(MqttQos.AT_LEAST_ONCE)
                .payload(body.getBytes(StandardCharsets.UTF_8)).send();
        return request;
    }

    void publish(String topic, String body) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(body.getBytes(StandardCharsets.UTF_8)).send();
    }

    boolean isConnected() {
        return client.getState().isConnected();
    }

    static String text(Mqtt3Publish publish) {
        return new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (client.getState().isConnected()) {
            client.disconnect();
        }
    }
}
