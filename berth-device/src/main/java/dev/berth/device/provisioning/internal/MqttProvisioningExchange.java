package dev.berth.device.provisioning.internal;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.protocol.dps.DpsResponseTopic;
import dev.berth.protocol.dps.DpsUsername;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DPS over MQTT 3.1.1 with the HiveMQ client, over TLS or a WebSocket inside TLS, optionally through an
 * HTTP proxy ({@link MqttTransportConfigs}): clean session, client ID = registration ID, SAS token
 * as password, answers subscribed at QoS 1 before anything is published, requests at QoS 1. Incoming
 * answers, failed publishes and a lost connection all land in one queue, in the order they happened.
 */
public final class MqttProvisioningExchange implements ProvisioningExchange {

    private static final int KEEP_ALIVE_SECONDS = 60;
    private static final long DISCONNECT_WAIT_MILLIS = 2000;

    private final ProvisioningSettings settings;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile boolean connected;
    private Mqtt3AsyncClient client;

    private sealed interface Event {
    }

    private record Received(DpsAnswer answer) implements Event {
    }

    private record Failed(ProvisioningClientException failure) implements Event {
    }

    public MqttProvisioningExchange(ProvisioningSettings settings) {
        this.settings = settings;
    }

    @Override
    public Optional<ConnectRefusal> open(Duration maxWait) throws InterruptedException {
        long waitMillis = Math.max(1, maxWait.toMillis());
        client = MqttClient.builder().useMqttVersion3()
                .identifier(settings.registrationId())
                .transportConfig(MqttTransportConfigs.of(settings, waitMillis))
                .addDisconnectedListener(context -> {
                    if (connected && context.getSource() != MqttDisconnectSource.USER) {
                        connected = false;
                        events.add(new Failed(TransportFailures.connectionLost(settings, context.getCause())));
                    }
                })
                .buildAsync();
        try {
            var auth = Mqtt3SimpleAuth.builder().username(username());
            SasTokens.forRegistration(settings).ifPresent(sas -> auth.password(sas.getBytes(StandardCharsets.UTF_8)));
            await(client.connectWith()
                    .cleanSession(true)
                    .keepAlive(KEEP_ALIVE_SECONDS)
                    .simpleAuth(auth.build())
                    .send(), waitMillis);
            connected = true;
        } catch (ExecutionException e) {
            Optional<ConnectRefusal> refusal = TransportFailures.credentialRefusal(e.getCause());
            if (refusal.isPresent()) {
                return refusal;
            }
            throw TransportFailures.connectFailed(settings, e.getCause());
        } catch (TimeoutException e) {
            throw new ProvisioningClientException(Reason.TIMEOUT, "timed out after " + Durations.describe(maxWait)
                    + " connecting to " + settings.endpoint(), e);
        }
        subscribe(waitMillis);
        return Optional.empty();
    }

    private void subscribe(long waitMillis) throws InterruptedException {
        Mqtt3SubAck subAck;
        try {
            subAck = await(client.subscribeWith()
                    .topicFilter(DpsResponseTopic.SUBSCRIPTION)
                    .qos(MqttQos.AT_LEAST_ONCE)
                    .callback(publish -> events.add(new Received(new DpsAnswer(
                            publish.getTopic().toString(), publish.getPayloadAsBytes()))))
                    .send(), waitMillis);
        } catch (ExecutionException e) {
            throw TransportFailures.subscribeFailed(settings, e.getCause());
        } catch (TimeoutException e) {
            throw new ProvisioningClientException(Reason.TIMEOUT, "no SUBACK from " + settings.endpoint()
                    + " within " + Durations.describe(Duration.ofMillis(waitMillis)), e);
        }
        if (subAck.getReturnCodes().contains(Mqtt3SubAckReturnCode.FAILURE)) {
            throw new ProvisioningClientException(Reason.PROTOCOL_ERROR, "the service refused the subscription to "
                    + DpsResponseTopic.SUBSCRIPTION);
        }
    }

    @Override
    public void publish(String topic, byte[] body) {
        client.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).payload(body).send()
                .whenComplete((result, error) -> {
                    if (error != null) {
                        events.add(new Failed(TransportFailures.publishFailed(settings, topic, error)));
                    }
                });
    }

    @Override
    public Optional<DpsAnswer> awaitAnswer(Duration maxWait) throws InterruptedException {
        Event event = events.poll(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null) {
            return Optional.empty();
        }
        if (event instanceof Failed failed) {
            throw failed.failure();
        }
        return Optional.of(((Received) event).answer());
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        connected = false;
        try {
            client.disconnect().get(DISCONNECT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // already disconnected or never connected: nothing is left open either way
        }
    }

    private String username() {
        return DpsUsername.format(settings.idScope(), settings.registrationId(), SdkVersion.CLIENT_VERSION);
    }

    private static <T> T await(Future<T> future, long waitMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        return future.get(waitMillis, TimeUnit.MILLISECONDS);
    }
}
