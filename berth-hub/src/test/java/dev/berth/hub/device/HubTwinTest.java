package dev.berth.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import dev.berth.hub.store.TwinRecord;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubTwinTest {
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

    private HubTestDevice connected(String deviceId, String... filters) {
        String key = HubTestServer.newKey();
        server.sasDevice(deviceId, key, null, "enabled");
        HubTestDevice device = new HubTestDevice(server, deviceId);
        device.connect(HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, deviceId, HubTestDevice.inAnHour()), false);
        for (String filter : filters) {
            device.subscribe(filter, MqttQos.AT_LEAST_ONCE);
        }
        return device;
    }

    private static JsonNode body(Mqtt3Publish publish) throws Exception {
        return JSON.readTree(publish.getPayloadAsBytes());
    }

    @Test
    void twin_get_answers_desired_and_reported_with_versions() throws Exception {
        try (HubTestDevice device = connected("twin-get", "$iothub/twin/res/#")) {
            server.store().patchDesired("twin-get", null, (ObjectNode) JSON.readTree("{\"interval\":5}"), null);
            device.publish("$iothub/twin/GET/?$rid=abc", "", MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish answer = device.next();
            assertThat(answer.getTopic().toString()).isEqualTo("$iothub/twin/res/200/?$rid=abc");
            JsonNode twin = body(answer);
            TwinRecord stored = server.store().findTwin("twin-get").orElseThrow();
            assertThat(twin.path("desired").path("interval").asInt()).isEqualTo(5);
            assertThat(twin.path("desired").path("$version").asLong()).isEqualTo(stored.desiredVersion());
            assertThat(twin.path("reported").path("$version").asLong()).isEqualTo(stored.reportedVersion());
        }
    }

    @Test
    void reported_patch_is_answered_204_with_the_new_version_and_null_deletes() throws Exception {
        try (HubTestDevice device = connected("twin-patch", "$iothub/twin/res/#")) {
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", "{\"fw\":\"1.0\",\"temp\":20}", MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish first = device.next();
            long version = server.store().findTwin("twin-patch").orElseThrow().reportedVersion();
            assertThat(first.getTopic().toString()).isEqualTo("$iothub/twin/res/204/?$rid=1&$version=" + version);
            assertThat(first.getPayloadAsBytes()).isEmpty();
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=2&$version=" + version, "{\"temp\":null}", MqttQos.AT_LEAST_ONCE);
            assertThat(device.next().getTopic().toString()).isEqualTo("$iothub/twin/res/204/?$rid=2&$version=" + (version + 1));
            TwinRecord twin = server.store().findTwin("twin-patch").orElseThrow();
            assertThat(twin.reported().has("temp")).isFalse();
            assertThat(twin.reported().path("fw").asText()).isEqualTo("1.0");
        }
    }

    @Test
    void reported_patch_that_is_not_a_json_object_is_answered_400() throws Exception {
        try (HubTestDevice device = connected("twin-bad", "$iothub/twin/res/#")) {
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=x1", "{not json", MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish notJson = device.next();
            assertThat(notJson.getTopic().toString()).isEqualTo("$iothub/twin/res/400/?$rid=x1");
            assertThat(body(notJson).path("message").asText()).contains("not JSON");
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=x2", "[1,2]", MqttQos.AT_LEAST_ONCE);
            assertThat(device.next().getTopic().toString()).isEqualTo("$iothub/twin/res/400/?$rid=x2");
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=x3", "{\"a.b\":1}", MqttQos.AT_LEAST_ONCE);
            assertThat(device.next().getTopic().toString()).isEqualTo("$iothub/twin/res/400/?$rid=x3");
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void reported_patch_over_32_kb_is_answered_400() throws Exception {
        try (HubTestDevice device = connected("twin-large", "$iothub/twin/res/#")) {
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=big", "{\"blob\":\"" + "x".repeat(40 * 1024) + "\"}",
                    MqttQos.AT_LEAST_ONCE);
            Mqtt3Publish answer = device.next();
            assertThat(answer.getTopic().toString()).isEqualTo("$iothub/twin/res/400/?$rid=big");
            assertThat(server.store().findTwin("twin-large").orElseThrow().reported().has("blob")).isFalse();
        }
    }

    @Test
    void single_twin_filter_gets_answers_and_desired_updates_but_never_the_devices_own_publishes() throws Exception {
        try (HubTestDevice device = connected("twin-nano", "$iothub/twin/#")) {
            device.publish("$iothub/twin/PATCH/properties/reported/?$rid=1", "{\"a\":1}", MqttQos.AT_LEAST_ONCE);
            device.publish("$iothub/twin/GET/?$rid=2", "", MqttQos.AT_LEAST_ONCE);
            assertThat(device.next().getTopic().toString()).startsWith("$iothub/twin/res/204/?$rid=1&$version=");
            assertThat(device.next().getTopic().toString()).isEqualTo("$iothub/twin/res/200/?$rid=2");
            ObjectNode desired = (ObjectNode) JSON.readTree("{\"mode\":\"eco\"}");
            TwinRecord twin = server.store().patchDesired("twin-nano", null, desired, null);
            server.sessions().desiredPropertiesChanged("twin-nano", desired.deepCopy().put("$version", twin.desiredVersion()));
            Mqtt3Publish update = device.next();
            assertThat(update.getTopic().toString()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=" + twin.desiredVersion());
            assertThat(body(update).path("mode").asText()).isEqualTo("eco");
            assertThat(device.poll(300)).as("nothing else, above all no echo of the device's own publishes").isNull();
        }
    }

    @Test
    void desired_update_reaches_a_device_subscribed_to_desired_patches() throws Exception {
        try (HubTestDevice device = connected("twin-desired", "$iothub/twin/res/#", "$iothub/twin/PATCH/properties/desired/#")) {
            ObjectNode patch = (ObjectNode) JSON.readTree("{\"interval\":10,\"$version\":7}");
            server.sessions().desiredPropertiesChanged("twin-desired", patch);
            Mqtt3Publish update = device.next();
            assertThat(update.getTopic().toString()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=7");
            assertThat(body(update)).isEqualTo(patch);
        }
    }

    @Test
    void broker_style_subscriptions_are_refused_and_unsubscribed_answers_are_not_sent() throws Exception {
        try (HubTestDevice device = connected("twin-subs")) {
            assertThat(device.subscribe("#", MqttQos.AT_LEAST_ONCE)).containsExactly(Mqtt3SubAckReturnCode.FAILURE);
            assertThat(device.subscribe("devices/other/messages/devicebound/#", MqttQos.AT_LEAST_ONCE))
                    .containsExactly(Mqtt3SubAckReturnCode.FAILURE);
            assertThat(device.subscribe("$iothub/methods/POST/#", MqttQos.EXACTLY_ONCE))
                    .containsExactly(Mqtt3SubAckReturnCode.SUCCESS_MAXIMUM_QOS_1);
            device.publish("$iothub/twin/GET/?$rid=9", "", MqttQos.AT_LEAST_ONCE);
            assertThat(device.poll(300)).isNull();
            assertThat(device.isConnected()).isTrue();
        }
    }
}
