package dev.berth.app.bench.baseline;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientTransportConfig;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import dev.berth.app.bench.Sample;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.device.security.X509Credential;
import dev.berth.protocol.dps.DpsRequestTopic;
import dev.berth.protocol.dps.DpsResource;
import dev.berth.protocol.dps.DpsResponseTopic;
import dev.berth.protocol.dps.DpsUsername;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The baseline's devices: the same HiveMQ MQTT 3.1.1 client as the Berth SDK, with the same TLS settings (trusted CA,
 * TLS 1.3/1.2, the device certificate for X.509), the same CONNECT (clean session, DPS username, SAS token as password
 * for symmetric keys), subscription and register PUBLISH at QoS 1; then one answer and DISCONNECT. The work a device
 * does on the network, with the provisioning service replaced by {@link EchoMqttServer}.
 */
public final class BaselineDevices {
    private static final int KEEP_ALIVE_SECONDS = 60;

    private final String host;
    private final int port;
    private final String idScope;
    private final TrustedCa trustedCa;
    private final List<Device> devices;
    private final Duration timeout;

    /** A device's registration ID and credential, as the Berth run used them. */
    public record Device(String registrationId, DeviceCredential credential) {
    }

    public BaselineDevices(String host, int port, String idScope, TrustedCa trustedCa, List<Device> devices, Duration timeout) {
        this.host = host;
        this.port = port;
        this.idScope = idScope;
        this.trustedCa = trustedCa;
        this.devices = devices;
        this.timeout = timeout;
    }

    /** Runs device {@code index}'s exchange; completes with what it saw, never exceptionally. */
    public CompletableFuture<Sample> start(int index) {
        Device device = devices.get(index);
        long started = System.nanoTime();
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(device.registrationId())
                .transportConfig(transport(device)).buildAsync();
        CompletableFuture<Long> answered = new CompletableFuture<>();
        var auth = Mqtt3SimpleAuth.builder().username(DpsUsername.format(idScope, device.registrationId(), "berth-bench-baseline"));
        if (device.credential() instanceof SymmetricKeyCredential key) {
            auth.password(key.createSasToken(DpsResource.of(idScope, device.registrationId()), Instant.now().plus(Duration.ofHours(1)),
                    "registration").getBytes(StandardCharsets.UTF_8));
        }
        byte[] registerBody = ("{\"registrationId\":\"" + device.registrationId() + "\"}").getBytes(StandardCharsets.UTF_8);
        return client.connectWith().cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS).simpleAuth(auth.build()).send()
                .thenCompose(connAck -> client.subscribeWith().topicFilter(DpsResponseTopic.SUBSCRIPTION).qos(MqttQos.AT_LEAST_ONCE)
                        .callback(answer -> answered.complete(System.nanoTime())).send())
                .thenCompose(subAck -> client.publishWith().topic(DpsRequestTopic.register("1")).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(registerBody).send())
                .thenCompose(published -> answered.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(answeredAt -> client.disconnect().thenApply(done -> answeredAt))
                .handle((answeredAt, failure) -> {
                    long total = System.nanoTime() - started;
                    if (failure == null) {
                        return Sample.succeeded(total, answeredAt - started);
                    }
                    client.disconnect(); // may already be gone; nothing stays open either way
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                    return Sample.failed(total, answered.isDone() && !answered.isCompletedExceptionally() ? answered.join() - started : -1,
                            "baseline: " + cause.getClass().getSimpleName());
                });
    }

    private MqttClientTransportConfig transport(Device device) {
        long waitMillis = timeout.toMillis();
        var tls = MqttClientSslConfig.builder().trustManagerFactory(trustedCa.trustManagerFactory())
                .protocols(List.of("TLSv1.3", "TLSv1.2")).handshakeTimeout(waitMillis, TimeUnit.MILLISECONDS);
        if (device.credential() instanceof X509Credential certificate) {
            tls.keyManagerFactory(certificate.keyManagerFactory());
        }
        return MqttClientTransportConfig.builder().serverHost(host).serverPort(port)
                .socketConnectTimeout(waitMillis, TimeUnit.MILLISECONDS).mqttConnectTimeout(waitMillis, TimeUnit.MILLISECONDS)
                .sslConfig(tls.build()).build();
    }
}
