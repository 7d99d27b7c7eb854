package dev.berth.device.client.internal;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.berth.device.security.X509Credential;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 3.1.1 connection to the hub (HiveMQ client): TLS with the device certificate for X.509,
 * client ID = device ID, the hub username, and the SAS token as password. Each connect or reconnect makes a new
 * one, so events of a connection that was replaced can never be mistaken for the current one's.
 * Incoming messages are acknowledged manually: by the router, once they were handled.
 */
public final class HubConnection {

    /** What the connection reports; called on the MQTT client's threads, so implementations must not block. */
    public interface Listener {
        void onMessage(HubConnection connection, String topic, byte[] payload, Runnable acknowledge);

        void onLost(HubConnection connection, Throwable cause);
    }

    private final Mqtt3AsyncClient client;
    private final ClientSettings settings;
    private final AtomicBoolean connected = new AtomicBoolean();

    public HubConnection(ClientSettings settings, Listener listener) {
        this.settings = settings;
        long waitMillis = Math.max(1, settings.operationTimeout().toMillis());
        var tls = MqttClientSslConfig.builder()
                .trustManagerFactory(settings.trustedCa().trustManagerFactory())
                .protocols(List.of("TLSv1.3", "TLSv1.2"))
                .handshakeTimeout(waitMillis, TimeUnit.MILLISECONDS);
        if (settings.credential() instanceof X509Credential certificate) {
            tls.keyManagerFactory(certificate.keyManagerFactory());
        }
        this.client = MqttClient.builder().useMqttVersion3()
                .identifier(settings.deviceId())
                .transportConfig(MqttClientTransportConfig.builder()
                        .serverHost(settings.serverHost()).serverPort(settings.port())
                        .socketConnectTimeout(waitMillis, TimeUnit.MILLISECONDS)
                        .mqttConnectTimeout(waitMillis, TimeUnit.MILLISECONDS)
                        .sslConfig(tls.build())
                        .build())
                .addDisconnectedListener(context -> {
                    if (connected.getAndSet(false) && context.getSource() != MqttDisconnectSource.USER) {
                        listener.onLost(this, context.getCause());
                    }
                })
                .buildAsync();
        // registered before CONNECT so messages queued in a persistent session are not missed
        client.publishes(MqttGlobalPublishFilter.ALL, publish -> listener.onMessage(this, publish.getTopic().toString(),
                publish.getPayloadAsBytes(), () -> acknowledge(publish)), true);
    }

    /** Acknowledging twice, or on a connection that is gone, must not disturb the caller. */
    private static void acknowledge(com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish publish) {
        try {
            publish.acknowledge();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(HubConnection.class).debug("acknowledging {} failed: {}", publish.getTopic(), e.toString());
        }
    }

    /** @param password the SAS token, or null for X.509 */
    public CompletableFuture<Void> connect(String password) {
        var auth = Mqtt3SimpleAuth.builder().username(settings.username());
        if (password != null) {
            auth.password(password.getBytes(StandardCharsets.UTF_8));
        }
        return client.connectWith()
                .cleanSession(settings.cleanSession())
                .keepAlive((int) settings.keepAlive().toSeconds())
                .simpleAuth(auth.build())
                .send()
                .thenAccept(connAck -> connected.set(true));
    }

    /** @return the filters the hub refused (empty when all were granted) */
    public CompletableFuture<List<String>> subscribe(List<String> filters) {
        var subscriptions = filters.stream()
                .map(filter -> Mqtt3Subscription.builder().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).build())
                .toList();
        return client.subscribeWith().addSubscriptions(subscriptions).send().thenApply(subAck -> {
            List<Mqtt3SubAckReturnCode> codes = subAck.getReturnCodes();
            return java.util.stream.IntStream.range(0, filters.size())
                    .filter(i -> i >= codes.size() || codes.get(i) == Mqtt3SubAckReturnCode.FAILURE)
                    .mapToObj(filters::get)
                    .toList();
        });
    }

    /** Completes when the hub acknowledged it (QoS 1) or when it was written (QoS 0). */
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean atLeastOnce) {
        return client.publishWith()
                .topic(topic)
                .qos(atLeastOnce ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE)
                .payload(payload)
                .send()
                .thenAccept(published -> { });
    }

    public boolean isConnected() {
        return connected.get();
    }

    /** Disconnects politely and waits a little for it; a connection that is already gone is fine. */
    public void disconnect(long waitMillis) {
        connected.set(false);
        try {
            client.disconnect().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // never connected or already disconnected: nothing is left open either way
        }
    }
}
