package dev.berth.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.berth.hub.store.CloudToDeviceMessage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCloudToDeviceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    private static String token(String key, String deviceId) {
        return HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, deviceId, HubTestDevice.inAnHour());
    }

    private String send(String deviceId, String body) throws Exception {
        HttpResponse<String> response = server.post("/devices/" + deviceId + "/messages/devicebound?api-version=2021-04-12", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("messageId").asText();
    }

    private int pending(String deviceId) {
        return server.store().pendingMessages(deviceId, Instant.now(), 100).size();
    }

    @Test
    void queued_message_is_delivered_with_its_properties_and_completed_by_puback() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("c2d-device", key, null, "enabled");
        String messageId = send("c2d-device", "{\"payload\":{\"led\":\"on\"},\"properties\":{\"kind\":\"cmd x\"},\"correlationId\":\"c-1\"}");
        assertThat(pending("c2d-device")).isEqualTo(1);
        try (HubTestDevice device = new HubTestDevice(server, "c2d-device")) {
            device.connect(token(key, "c2d-device"), true);
            device.subscribe("devices/c2d-device/messages/devicebound/#", MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish message = device.next();
            assertThat(message.getTopic().toString()).isEqualTo("devices/c2d-device/messages/devicebound/%24.mid=" + messageId
                    + "&%24.to=%2Fdevices%2Fc2d-device%2Fmessages%2Fdevicebound&%24.cid=c-1&kind=cmd%20x");
            assertThat(message.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
            assertThat(JSON.readTree(message.getPayloadAsBytes()).path("led").asText()).isEqualTo("on");
            await().atMost(Duration.ofSeconds(10)).until(() -> pending("c2d-device") == 0);
            // a message sent while the device is subscribed arrives at once
            send("c2d-device", "{\"payload\":\"plain text\"}");
            assertThat(HubTestDevice.text(device.next())).isEqualTo("plain text");
        }
    }

    @Test
    void unacknowledged_message_is_delivered_again_on_reconnect() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("c2d-redeliver", key, null, "enabled");
        send("c2d-redeliver", "{\"payload\":\"again\"}");
        try (HubTestDevice forgetful = new HubTestDevice(server, "c2d-redeliver", null, true)) {
            forgetful.connect(token(key, "c2d-redeliver"), true);
            forgetful.subscribe("devices/c2d-redeliver/messages/devicebound/#", MqttQos.AT_LEAST_ONCE);
            assertThat(HubTestDevice.text(forgetful.next())).isEqualTo("again"); // received, never acknowledged
        }
        assertThat(pending("c2d-redeliver")).isEqualTo(1);
        try (HubTestDevice device = new HubTestDevice(server, "c2d-redeliver")) {
            device.connect(token(key, "c2d-redeliver"), true);
            device.subscribe("devices/c2d-redeliver/messages/devicebound/#", MqttQos.AT_LEAST_ONCE);
            assertThat(HubTestDevice.text(device.next())).isEqualTo("again");
            await().atMost(Duration.ofSeconds(10)).until(() -> pending("c2d-redeliver") == 0);
        }
    }

    @Test
    void restored_session_is_present_and_gets_queued_messages_and_twin_answers_without_subscribing() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("c2d-session", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "c2d-session")) {
            assertThat(device.connect(token(key, "c2d-session"), false).isSessionPresent()).isFalse();
            device.subscribe("devices/c2d-session/messages/devicebound/#", MqttQos.AT_LEAST_ONCE);
            device.subscribe("$iothub/twin/res/#", MqttQos.AT_LEAST_ONCE);
        }
        send("c2d-session", "{\"payload\":\"while away\"}");
        try (HubTestDevice device = new HubTestDevice(server, "c2d-session")) {
            assertThat(device.connect(token(key, "c2d-session"), false).isSessionPresent()).isTrue();
            assertThat(HubTestDevice.text(device.next())).isEqualTo("while away");
            device.publish("$iothub/twin/GET/?$rid=after-restore", "", MqttQos.AT_LEAST_ONCE);
            assertThat(device.next().getTopic().toString()).isEqualTo("$iothub/twin/res/200/?$rid=after-restore");
        }
        try (HubTestDevice device = new HubTestDevice(server, "c2d-session")) {
            assertThat(device.connect(token(key, "c2d-session"), true).isSessionPresent()).as("clean session discards it").isFalse();
        }
        try (HubTestDevice device = new HubTestDevice(server, "c2d-session")) {
            assertThat(device.connect(token(key, "c2d-session"), false).isSessionPresent()).isFalse();
        }
    }

    @Test
    void expired_message_is_never_delivered() throws Exception {
        String key = HubTestServer.newKey();
        server.sasDevice("c2d-expired", key, null, "enabled");
        Instant past = Instant.now().minusSeconds(10);
        server.store().enqueue(new CloudToDeviceMessage("old", "c2d-expired", "stale".getBytes(), Map.of(), null, past.minusSeconds(60),
                past, 0));
        send("c2d-expired", "{\"payload\":\"fresh\"}");
        try (HubTestDevice device = new HubTestDevice(server, "c2d-expired")) {
            device.connect(token(key, "c2d-expired"), true);
            device.subscribe("devices/c2d-expired/messages/devicebound/#", MqttQos.AT_LEAST_ONCE);
            assertThat(HubTestDevice.text(device.next())).isEqualTo("fresh");
            assertThat(device.poll(300)).isNull();
        }
    }

    @Test
    void bad_cloud_to_device_requests_are_refused() {
        server.sasDevice("c2d-bad", HubTestServer.newKey(), null, "enabled");
        assertThat(server.post("/devices/nobody-here/messages/devicebound", "{\"payload\":1}").statusCode()).isEqualTo(404);
        assertThat(server.post("/devices/c2d-bad/messages/devicebound", "{\"payload\":1,\"ttlSeconds\":172801}").statusCode()).isEqualTo(400);
        assertThat(server.post("/devices/c2d-bad/messages/devicebound", "{\"payload\":1,\"properties\":{\"a\":{}}}").statusCode())
                .isEqualTo(400);
        assertThat(server.post("/devices/c2d-bad/messages/devicebound", "{\"payload\":\"" + "x".repeat(65 * 1024) + "\"}").statusCode())
                .isEqualTo(400);
        assertThat(server.post("/devices/c2d-bad/messages/devicebound", "[]").statusCode()).isEqualTo(400);
        assertThat(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/devices/c2d-bad/messages/devicebound"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build()).statusCode()).isEqualTo(401);
        assertThat(pending("c2d-bad")).isZero();
    }
}
