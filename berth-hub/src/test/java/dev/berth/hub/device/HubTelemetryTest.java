package dev.berth.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import dev.berth.hub.store.TelemetryMessage;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubTelemetryTest {
    @TempDir
    static Path dataDirectory;
    static HubTestServer server;

    @BeforeAll
    static void start() {
        server = new HubTestServer(dataDirectory);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private HubTestDevice connected(String deviceId) {
        String key = HubTestServer.newKey();
        server.sasDevice(deviceId, key, null, "enabled");
        HubTestDevice device = new HubTestDevice(server, deviceId);
        device.connect(HubTestDevice.javaStyleToken(key, HubTestServer.HUB, deviceId, HubTestDevice.inAnHour()), true);
        return device;
    }

    private List<TelemetryMessage> stored(String deviceId) {
        return server.store().telemetryAfter(0, deviceId, 100);
    }

    @Test
    void telemetry_with_properties_is_stored_url_decoded_before_its_puback() {
        try (HubTestDevice device = connected("telemetry-props")) {
            // the HiveMQ blocking publish returns after the PUBACK, which the hub sends only once the message is stored
            device.publish("devices/telemetry-props/messages/events/$.mid=m-1&$.ct=application%2Fjson&$.ce=utf-8&room=k%C3%BCche&empty=",
                    "{\"t\":21.5}", MqttQos.AT_LEAST_ONCE);
            List<TelemetryMessage> stored = stored("telemetry-props");
            assertThat(stored).hasSize(1);
            TelemetryMessage message = stored.get(0);
            assertThat(message.systemProperties()).containsEntry("$.mid", "m-1").containsEntry("$.ct", "application/json")
                    .containsEntry("$.ce", "utf-8").containsEntry("iothub-connection-device-id", "telemetry-props");
            assertThat(message.applicationProperties()).containsEntry("room", "küche").containsEntry("empty", "")
                    .doesNotContainKey("mqtt-retain");
            assertThat(new String(message.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"t\":21.5}");
            assertThat(server.counter("berth.hub.telemetry.received")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void retained_telemetry_carries_the_mqtt_retain_property() {
        try (HubTestDevice device = connected("telemetry-retain")) {
            device.publishRetained("devices/telemetry-retain/messages/events/", "r");
            assertThat(stored("telemetry-retain")).singleElement()
                    .satisfies(m -> assertThat(m.applicationProperties()).containsEntry("mqtt-retain", "true"));
        }
    }

    @Test
    void message_over_256_kb_closes_the_connection() {
        try (HubTestDevice device = connected("telemetry-big")) {
            device.publishAsync("devices/telemetry-big/messages/events/", new byte[256 * 1024 + 1], MqttQos.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            assertThat(stored("telemetry-big")).isEmpty();
            assertThat(server.counter("berth.mqtt.disconnects", "reason", "message_too_large")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void malformed_property_bag_closes_the_connection() {
        try (HubTestDevice device = connected("telemetry-bag")) {
            device.publishAsync("devices/telemetry-bag/messages/events/=nameless", "x".getBytes(StandardCharsets.UTF_8), MqttQos.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            assertThat(server.counter("berth.mqtt.disconnects", "reason", "malformed_property_bag")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void qos_2_publish_closes_the_connection() {
        try (HubTestDevice device = connected("telemetry-qos2")) {
            device.publishAsync("devices/telemetry-qos2/messages/events/", "x".getBytes(StandardCharsets.UTF_8), MqttQos.EXACTLY_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            assertThat(stored("telemetry-qos2")).isEmpty();
            assertThat(server.counter("berth.mqtt.disconnects", "reason", "qos2_publish")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void publish_to_an_unknown_topic_or_another_devices_topic_closes_the_connection() {
        try (HubTestDevice device = connected("telemetry-topic")) {
            device.publishAsync("some/broker/topic", "x".getBytes(StandardCharsets.UTF_8), MqttQos.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
        }
        try (HubTestDevice device = connected("telemetry-topic2")) {
            device.publishAsync("devices/someone-else/messages/events/", "x".getBytes(StandardCharsets.UTF_8), MqttQos.AT_LEAST_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
        }
        assertThat(server.counter("berth.mqtt.disconnects", "reason", "unknown_topic")).isGreaterThanOrEqualTo(2);
        assertThat(stored("someone-else")).isEmpty();
    }

    @Test
    void will_is_forwarded_as_telemetry_when_the_connection_ends_without_disconnect() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("will-device", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "will-device")) {
            device.connect(HubTestDevice.username("will-device"),
                    HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "will-device", HubTestDevice.inAnHour()), true,
                    "devices/will-device/messages/events/cause=lost");
            // a protocol violation makes the hub drop the connection: no DISCONNECT, so the will goes out
            device.publishAsync("devices/will-device/messages/events/", new byte[0], MqttQos.EXACTLY_ONCE);
            await().atMost(Duration.ofSeconds(10)).until(() -> !stored("will-device").isEmpty());
        }
        TelemetryMessage will = stored("will-device").get(0);
        assertThat(will.applicationProperties()).containsEntry("iothub-MessageType", "Will").containsEntry("cause", "lost");
        assertThat(new String(will.payload(), StandardCharsets.UTF_8)).isEqualTo("gone");
    }

    @Test
    void will_is_not_sent_after_a_clean_disconnect() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("will-clean", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "will-clean")) {
            device.connect(HubTestDevice.username("will-clean"),
                    HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "will-clean", HubTestDevice.inAnHour()), true,
                    "devices/will-clean/messages/events/");
            device.publish("devices/will-clean/messages/events/", "last", MqttQos.AT_LEAST_ONCE);
            device.disconnect();
        }
        try (HubTestDevice again = connected("will-clean-probe")) {
            again.publish("devices/will-clean-probe/messages/events/", "after", MqttQos.AT_LEAST_ONCE);
        }
        // telemetry is stored in order on one node: once a later message is stored, a will would have been too
        assertThat(stored("will-clean")).extracting(m -> new String(m.payload(), StandardCharsets.UTF_8)).containsExactly("last");
    }

    @Test
    void telemetry_stream_replays_from_a_sequence_and_follows_new_messages() throws Exception {
        try (HubTestDevice device = connected("stream-device")) {
            device.publish("devices/stream-device/messages/events/n=1", "one", MqttQos.AT_LEAST_ONCE);
            long first = stored("stream-device").get(0).sequence();
            HttpRequest request = HttpRequest.newBuilder(server.uri("/telemetry/stream?device=stream-device&from=" + (first - 1)))
                    .header("Authorization", SessionsOnlyHubExtension.AUTHORIZATION).GET().build();
            HttpResponse<InputStream> response = server.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                assertThat(lines.readLine()).contains("\"deviceId\":\"stream-device\"").contains("\"body\":\"one\"")
                        .contains("\"n\":\"1\"");
                device.publish("devices/stream-device/messages/events/n=2", "two", MqttQos.AT_LEAST_ONCE);
                assertThat(lines.readLine()).contains("\"body\":\"two\"").contains("\"sequence\":" + (first + 1));
            }
        }
    }

    @Test
    void telemetry_stream_needs_the_hub_policy() {
        HttpResponse<String> response = server.send(HttpRequest.newBuilder(server.uri("/telemetry/stream")).GET()
                .timeout(Duration.ofSeconds(10)).build());
        assertThat(response.statusCode()).isEqualTo(401);
    }
}
