package dev.berth.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubMethodsTest {
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

    private HubTestDevice connected(String deviceId) {
        String key = HubTestServer.newKey();
        server.sasDevice(deviceId, key, null, "enabled");
        HubTestDevice device = new HubTestDevice(server, deviceId);
        device.connect(HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, deviceId, HubTestDevice.inAnHour()), true);
        device.subscribe("$iothub/methods/POST/#", MqttQos.AT_LEAST_ONCE);
        return device;
    }

    private CompletableFuture<HttpResponse<String>> call(String deviceId, String body) {
        return CompletableFuture.supplyAsync(() -> server.post("/twins/" + deviceId + "/methods?api-version=2021-04-12", body));
    }

    /** The rid of a method request topic {@code $iothub/methods/POST/{name}/?$rid={rid}}. */
    private static String rid(Mqtt3Publish request) {
        String topic = request.getTopic().toString();
        return topic.substring(topic.indexOf("$rid=") + 5);
    }

    @Test
    void method_call_reaches_the_device_with_a_hex_rid_and_returns_its_answer() throws Exception {
        try (HubTestDevice device = connected("method-device")) {
            var response = call("method-device", "{\"methodName\":\"reboot\",\"payload\":{\"delay\":3},\"responseTimeoutInSeconds\":10}");
            Mqtt3Publish request = device.next();
            assertThat(request.getTopic().toString()).matches("\\$iothub/methods/POST/reboot/\\?\\$rid=[0-9a-f]+");
            assertThat(JSON.readTree(request.getPayloadAsBytes()).path("delay").asInt()).isEqualTo(3);
            // nanoFramework answers with the rid in upper-case hex
            device.publish("$iothub/methods/res/200/?$rid=" + rid(request).toUpperCase(), "{\"done\":true}", MqttQos.AT_LEAST_ONCE);
            HttpResponse<String> answer = response.get();
            assertThat(answer.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.path("status").asInt()).isEqualTo(200);
            assertThat(body.path("payload").path("done").asBoolean()).isTrue();
        }
    }

    @Test
    void answer_with_an_unknown_rid_is_ignored_and_the_real_answer_still_counts() throws Exception {
        try (HubTestDevice device = connected("method-stray")) {
            var response = call("method-stray", "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":10}");
            Mqtt3Publish request = device.next();
            device.publish("$iothub/methods/res/200/?$rid=ffffff", "{\"stray\":1}", MqttQos.AT_LEAST_ONCE);
            device.publish("$iothub/methods/res/200/?$rid=not-hex", "{}", MqttQos.AT_LEAST_ONCE);
            device.publish("$iothub/methods/res/201/?$rid=" + rid(request), "\"pong\"", MqttQos.AT_LEAST_ONCE);
            HttpResponse<String> answer = response.get();
            assertThat(JSON.readTree(answer.body()).path("status").asInt()).isEqualTo(201);
            assertThat(JSON.readTree(answer.body()).path("payload").asText()).isEqualTo("pong");
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void method_call_to_an_offline_device_is_404_device_not_online() throws Exception {
        server.sasDevice("method-offline", HubTestServer.newKey(), null, "enabled");
        HttpResponse<String> answer = server.post("/twins/method-offline/methods", "{\"methodName\":\"x\",\"responseTimeoutInSeconds\":5}");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(answer.body()).path("errorCode").asInt()).isEqualTo(404103);
    }

    @Test
    void method_call_waits_connect_timeout_for_the_device_to_subscribe() throws Exception {
        var response = call("method-late", "{\"methodName\":\"hello\",\"responseTimeoutInSeconds\":10,\"connectTimeoutInSeconds\":20}");
        try (HubTestDevice device = connected("method-late")) {
            Mqtt3Publish request = device.next();
            device.publish("$iothub/methods/res/200/?$rid=" + rid(request), "", MqttQos.AT_LEAST_ONCE);
            HttpResponse<String> answer = response.get();
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(answer.body()).path("payload").isNull()).isTrue();
        }
    }

    @Test
    void method_without_an_answer_times_out_with_504() throws Exception {
        try (HubTestDevice device = connected("method-silent")) {
            var response = call("method-silent", "{\"methodName\":\"slow\",\"responseTimeoutInSeconds\":5}");
            Mqtt3Publish request = device.next();
            HttpResponse<String> answer = response.get();
            assertThat(answer.statusCode()).isEqualTo(504);
            assertThat(JSON.readTree(answer.body()).path("errorCode").asInt()).isEqualTo(504101);
            // a late answer is logged and ignored; the connection stays up
            device.publish("$iothub/methods/res/200/?$rid=" + rid(request), "{}", MqttQos.AT_LEAST_ONCE);
            assertThat(device.isConnected()).isTrue();
        }
    }

    @Test
    void bad_method_requests_are_400() throws Exception {
        assertThat(server.post("/twins/x/methods", "{\"payload\":1}").statusCode()).isEqualTo(400);
        assertThat(server.post("/twins/x/methods", "{\"methodName\":\"a/b\"}").statusCode()).isEqualTo(400);
        assertThat(server.post("/twins/x/methods", "{\"methodName\":\"a\",\"responseTimeoutInSeconds\":1}").statusCode()).isEqualTo(400);
        assertThat(server.post("/twins/x/methods", "not json").statusCode()).isEqualTo(400);
        String big = "{\"methodName\":\"a\",\"payload\":\"" + "x".repeat(129 * 1024) + "\"}";
        assertThat(server.post("/twins/x/methods", big).statusCode()).isIn(400, 413);
    }
}
