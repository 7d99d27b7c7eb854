package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hub device sessions over MQTT over WebSocket on the HTTPS port, on the paths the SDKs use: Node and Java X.509
 * {@code /$iothub/websocket}, Java SAS {@code /$iothub/websocket?iothub-no-client-cert=true}.
 */
class HubOverWebSocketTest {
    @TempDir
    static Path dir;
    static HubTestBed bed;

    @BeforeAll
    static void start() {
        bed = new HubTestBed(dir);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "iothub-no-client-cert=true"})
    void device_sends_telemetry_over_a_websocket(String query) throws Exception {
        String deviceId = "ws-device-" + (query.isEmpty() ? "plain" : "no-client-cert");
        String key = HubTestBed.newKey();
        HubTestBed.ProvisionedDevice device = bed.provisionWithKey(deviceId, key);
        Mqtt3BlockingClient client = MqttClient.builder().useMqttVersion3().identifier(deviceId).serverHost("localhost")
                .serverPort(bed.httpsPort()).sslConfig().trustManagerFactory(bed.trustedCa().trustManagerFactory()).applySslConfig()
                .webSocketConfig().serverPath("$iothub/websocket").queryString(query).subprotocol("mqtt").applyWebSocketConfig()
                .buildBlocking();
        String token = SharedAccessSignatures.createToken(key, HubUsername.resource(device.hub(), deviceId),
                Instant.now().plusSeconds(3600).getEpochSecond(), null);
        client.connectWith().cleanSession(true).simpleAuth().username(HubUsername.format(device.hub(), deviceId, "test"))
                .password(token.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send();
        try {
            client.publishWith().topic("devices/" + deviceId + "/messages/events/over=websocket").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("hello over ws".getBytes(StandardCharsets.UTF_8)).send();
            await().atMost(Duration.ofSeconds(10)).until(() -> !bed.hub().store().telemetryAfter(0, deviceId, 10).isEmpty());
            List<TelemetryMessage> stored = bed.hub().store().telemetryAfter(0, deviceId, 10);
            assertThat(new String(stored.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("hello over ws");
            assertThat(stored.get(0).applicationProperties()).containsEntry("over", "websocket");
        } finally {
            client.disconnect();
        }
    }
}
