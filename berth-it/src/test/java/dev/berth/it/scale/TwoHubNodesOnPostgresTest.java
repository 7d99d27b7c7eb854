package dev.berth.it.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import dev.berth.device.client.CloudToDeviceMessage;
import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MethodResult;
import dev.berth.it.scale.HubNodesOnPostgres.Node;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers with the embedded hub on one PostgreSQL database (docs/hub.md, "Several hub nodes"): device D is
 * connected to node B, the service API call arrives at node A. Runs when {@code BERTH_TEST_POSTGRES_URL} is set;
 * with {@code CI=true} its absence is a failure.
 */
class TwoHubNodesOnPostgresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private HubNodesOnPostgres nodes;
    private Node a;
    private Node b;

    @BeforeEach
    void startTwoNodes() throws Exception {
        nodes = new HubNodesOnPostgres(dir);
        a = nodes.start();
        b = nodes.start();
    }

    @AfterEach
    void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
    }

    private DeviceClient openOn(Node node, String deviceId, String key, java.util.function.Consumer<DeviceClient> setUp) {
        DeviceClient client = nodes.client(node, deviceId, key);
        setUp.accept(client);
        assertThat(client.open()).as("open: %s", client.lastError()).isTrue();
        return client;
    }

    private HttpResponse<String> invoke(Node node, String deviceId, String body) {
        return nodes.service(node, "POST", "/twins/" + deviceId + "/methods", body);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void direct_method_called_on_a_reaches_the_device_on_b_with_128_kb_each_way() throws Exception {
        String key = nodes.createDevice(a, "method-dev");
        String big = "x".repeat(128 * 1024 - 10);
        try (DeviceClient client = openOn(b, "method-dev", key, c -> {
            c.onMethod("echo", payload -> new MethodResult(201, payload));
            c.onMethod("big", payload -> MethodResult.ok("\"" + big + "\""));
        })) {
            HttpResponse<String> echoed = invoke(a, "method-dev",
                    "{\"methodName\":\"echo\",\"payload\":\"" + big + "\",\"responseTimeoutInSeconds\":10}");
            assertThat(echoed.statusCode()).as(echoed.body()).isEqualTo(200);
            assertThat(json(echoed).get("status").asInt()).isEqualTo(201);
            assertThat(json(echoed).get("payload").asText()).isEqualTo(big);

            HttpResponse<String> answered = invoke(a, "method-dev", "{\"methodName\":\"big\",\"payload\":{},\"responseTimeoutInSeconds\":10}");
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(json(answered).get("payload").asText()).hasSize(big.length());
        }
    }

    @Test
    void method_for_a_device_online_nowhere_is_404_unless_it_connects_to_any_node_within_the_connect_timeout() throws Exception {
        String key = nodes.createDevice(a, "late-dev");
        HttpResponse<String> offline = invoke(a, "late-dev", "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":10}");
        assertThat(offline.statusCode()).as(offline.body()).isEqualTo(404);
        assertThat(json(offline).get("errorCode").asInt()).isEqualTo(404103);
        assertThat(json(offline).get("message").asText()).contains("'late-dev'").contains("not connected to any hub node");

        CompletableFuture<HttpResponse<String>> waiting = CompletableFuture.supplyAsync(() -> invoke(a, "late-dev",
                "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":10,\"connectTimeoutInSeconds\":20}"));
        Thread.sleep(500); // the call is waiting on A before the device connects to B
        try (DeviceClient client = openOn(b, "late-dev", key, c -> c.onMethod("ping", payload -> MethodResult.ok("\"pong\"")))) {
            HttpResponse<String> answered = waiting.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(json(answered).get("payload").asText()).isEqualTo("pong");
        }
    }

    @Test
    void method_the_device_on_b_does_not_answer_is_504() throws Exception {
        String key = nodes.createDevice(a, "silent-dev");
        try (RawHubDevice device = new RawHubDevice(nodes, b, "silent-dev", key)) {
            device.connect(true);
            device.subscribe("$iothub/methods/POST/#");
            long started = System.nanoTime();
            HttpResponse<String> response = invoke(a, "silent-dev", "{\"methodName\":\"hang\",\"responseTimeoutInSeconds\":5}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
            assertThat(json(response).get("errorCode").asInt()).isEqualTo(504101);
            assertThat(json(response).get("message").asText()).contains("did not answer method 'hang' within 5 s");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(9));
            assertThat(device.next().getTopic().toString()).startsWith("$iothub/methods/POST/hang/?$rid=");
        }
    }

    @Test
    void desired_patch_on_a_reaches_the_device_on_b_as_on_one_node() throws Exception {
        String key = nodes.createDevice(a, "twin-dev");
        try (RawHubDevice device = new RawHubDevice(nodes, b, "twin-dev", key)) {
            device.connect(true);
            device.subscribe("$iothub/twin/PATCH/properties/desired/#");
            HttpResponse<String> patched = nodes.service(a, "PATCH", "/twins/twin-dev", "{\"properties\":{\"desired\":{\"interval\":30}}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            long version = json(patched).at("/properties/desired/$version").asLong();

            Mqtt3Publish update = device.next();
            assertThat(update.getTopic().toString()).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=" + version);
            assertThat(JSON.readTree(RawHubDevice.text(update))).isEqualTo(JSON.readTree("{\"interval\":30,\"$version\":" + version + "}"));
        }
    }

    @Test
    void a_node_whose_listen_connection_was_killed_still_gets_its_events_and_listens_again() throws Exception {
        String key = nodes.createDevice(a, "listen-dev");
        try (RawHubDevice device = new RawHubDevice(nodes, b, "listen-dev", key)) {
            device.connect(true);
            device.subscribe("$iothub/twin/PATCH/properties/desired/#");
            assertThat(nodes.killListenConnections()).as("both nodes were listening").isEqualTo(2);

            HttpResponse<String> patched = nodes.service(a, "PATCH", "/twins/listen-dev", "{\"properties\":{\"desired\":{\"mode\":\"eco\"}}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            Mqtt3Publish update = device.next();
            assertThat(JSON.readTree(RawHubDevice.text(update)).get("mode").asText()).as("delivered by the poll meanwhile").isEqualTo("eco");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(nodes.listenConnections()).isEqualTo(2));

            nodes.service(a, "PATCH", "/twins/listen-dev", "{\"properties\":{\"desired\":{\"mode\":\"boost\"}}}");
            assertThat(JSON.readTree(RawHubDevice.text(device.next())).get("mode").asText()).isEqualTo("boost");
        }
    }

    @Test
    void cloud_to_device_message_queued_on_a_is_delivered_to_the_device_on_b_promptly() throws Exception {
        String key = nodes.createDevice(a, "c2d-dev");
        List<CloudToDeviceMessage> received = new CopyOnWriteArrayList<>();
        try (DeviceClient client = openOn(b, "c2d-dev", key, c -> c.onCloudToDeviceMessage(received::add))) {
            Thread.sleep(300); // the subscription is in place (the SDK subscribes right after CONNACK)
            HttpResponse<String> sent = nodes.service(a, "POST", "/devices/c2d-dev/messages/devicebound", "{\"payload\":\"open the valve\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(3)).until(() -> !received.isEmpty());
            assertThat(received.get(0).bodyAsString()).isEqualTo("open the valve");
            assertThat(client.isConnected()).as("delivered on the open connection, not at a reconnect").isTrue();
        }
    }

    @Test
    void deleting_or_disabling_the_identity_on_a_closes_the_connection_on_b() throws Exception {
        String deletedKey = nodes.createDevice(a, "deleted-dev");
        String disabledKey = nodes.createDevice(a, "disabled-dev");
        try (RawHubDevice deleted = new RawHubDevice(nodes, b, "deleted-dev", deletedKey);
             RawHubDevice disabled = new RawHubDevice(nodes, b, "disabled-dev", disabledKey)) {
            deleted.connect(true);
            disabled.connect(true);

            assertThat(nodes.service(a, "DELETE", "/devices/deleted-dev", null).statusCode()).isEqualTo(204);
            String etag = json(nodes.service(a, "GET", "/devices/disabled-dev", null)).get("etag").asText();
            HttpResponse<String> disabling = nodes.service(a, "PUT", "/devices/disabled-dev", "{\"deviceId\":\"disabled-dev\","
                    + "\"status\":\"disabled\",\"authentication\":{\"type\":\"sas\",\"symmetricKey\":{\"primaryKey\":\""
                    + disabledKey + "\",\"secondaryKey\":\"" + disabledKey + "\"}}}", "\"" + etag + "\"");
            assertThat(disabling.statusCode()).as(disabling.body()).isEqualTo(200);

            await().atMost(TIMEOUT).until(() -> !deleted.isConnected() && !disabled.isConnected());
        }
    }

    @Test
    void one_device_connecting_to_both_nodes_at_the_same_moment_ends_with_one_connection() throws Exception {
        String key = nodes.createDevice(a, "racing-dev");
        for (int round = 0; round < 5; round++) {
            try (RawHubDevice onA = new RawHubDevice(nodes, a, "racing-dev", key);
                 RawHubDevice onB = new RawHubDevice(nodes, b, "racing-dev", key)) {
                CompletableFuture<?> toA = CompletableFuture.runAsync(() -> onA.connect(true));
                CompletableFuture<?> toB = CompletableFuture.runAsync(() -> onB.connect(true));
                CompletableFuture.allOf(toA, toB).get(20, java.util.concurrent.TimeUnit.SECONDS);

                await().atMost(TIMEOUT).until(() -> onA.isConnected() != onB.isConnected());
                Thread.sleep(500); // a second close would come by now
                assertThat(onA.isConnected() ^ onB.isConnected()).as("round " + round + ": exactly one connection is left").isTrue();
            }
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
                    json(nodes.service(a, "GET", "/devices/racing-dev", null)).get("connectionState").asText()).isEqualTo("Disconnected"));
        }
    }

    @Test
    void connecting_to_a_closes_the_older_session_on_b_and_calls_follow_the_device() throws Exception {
        String key = nodes.createDevice(a, "moving-dev");
        try (RawHubDevice onB = new RawHubDevice(nodes, b, "moving-dev", key);
             RawHubDevice onA = new RawHubDevice(nodes, a, "moving-dev", key)) {
            onB.connect(true);
            onA.connect(true);
            onA.subscribe("$iothub/methods/POST/#");
            await().atMost(TIMEOUT).until(() -> !onB.isConnected());
            assertThat(onA.isConnected()).isTrue();

            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> invoke(b, "moving-dev",
                    "{\"methodName\":\"where\",\"responseTimeoutInSeconds\":10}"));
            onA.answerNextMethod(200, "\"on A\"");
            HttpResponse<String> answered = call.get(15, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
            assertThat(json(answered).get("payload").asText()).isEqualTo("on A");
            assertThat(onA.isConnected()).isTrue();
        }
    }

    @Test
    void telemetry_sent_to_b_shows_in_the_live_stream_on_a() throws Exception {
        String key = nodes.createDevice(a, "telemetry-dev");
        List<String> lines = new CopyOnWriteArrayList<>();
        var stream = nodes.telemetryStream(a, "telemetry-dev").thenAccept(response -> response.body().forEach(lines::add));
        try (DeviceClient client = openOn(b, "telemetry-dev", key, c -> { })) {
            // A tells B it has a follower when the stream opens; keep sending until the relay is in place
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
                client.sendMessage("{\"temperature\":21.5}", "application/json", java.util.Map.of("site", "hall 3"));
                return lines.stream().anyMatch(l -> l.contains("temperature"));
            });
            JsonNode line = JSON.readTree(lines.stream().filter(l -> l.contains("temperature")).findFirst().orElseThrow());
            assertThat(line.get("deviceId").asText()).isEqualTo("telemetry-dev");
            assertThat(line.at("/applicationProperties/site").asText()).isEqualTo("hall 3");
            assertThat(line.at("/systemProperties/iothub-connection-device-id").asText()).isEqualTo("telemetry-dev");
        } finally {
            stream.cancel(true);
        }
    }

    @Test
    void clean_session_0_subscriptions_follow_the_device_to_the_other_node_and_survive_a_restart() throws Exception {
        String key = nodes.createDevice(a, "sticky-dev");
        try (RawHubDevice onB = new RawHubDevice(nodes, b, "sticky-dev", key)) {
            assertThat(onB.connect(false).isSessionPresent()).isFalse();
            onB.subscribe("$iothub/methods/POST/#");
        }
        try (RawHubDevice onA = new RawHubDevice(nodes, a, "sticky-dev", key)) {
            assertThat(onA.connect(false).isSessionPresent()).as("subscriptions stored by B, found by A").isTrue();
            CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(() -> invoke(b, "sticky-dev",
                    "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":10}"));
            onA.answerNextMethod(200, "\"restored\"");
            assertThat(call.get(15, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        nodes.stop(a);
        nodes.stop(b);
        Node restarted = nodes.start();
        try (RawHubDevice again = new RawHubDevice(nodes, restarted, "sticky-dev", key)) {
            assertThat(again.connect(false).isSessionPresent()).as("kept in the store across a restart").isTrue();
        }
    }

    @Test
    void the_registry_on_a_shows_a_device_connected_to_b_as_connected_and_then_disconnected() throws Exception {
        String key = nodes.createDevice(a, "state-dev");
        nodes.createDevice(a, "never-dev");
        try (RawHubDevice device = new RawHubDevice(nodes, b, "state-dev", key)) {
            device.connect(true);

            assertThat(json(nodes.service(a, "GET", "/devices/state-dev", null)).get("connectionState").asText()).isEqualTo("Connected");
            assertThat(json(nodes.service(a, "GET", "/twins/state-dev", null)).get("connectionState").asText()).isEqualTo("Connected");
            Map<String, String> listed = new HashMap<>();
            json(nodes.service(a, "GET", "/devices", null)).forEach(d -> listed.put(d.get("deviceId").asText(), d.get("connectionState").asText()));
            assertThat(listed).containsEntry("state-dev", "Connected").containsEntry("never-dev", "Disconnected");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                json(nodes.service(a, "GET", "/devices/state-dev", null)).get("connectionState").asText()).isEqualTo("Disconnected"));
    }

    @Test
    void a_node_that_stopped_no_longer_counts_so_a_call_is_404_not_a_hang() throws Exception {
        String key = nodes.createDevice(a, "orphan-dev");
        RawHubDevice device = new RawHubDevice(nodes, b, "orphan-dev", key);
        device.connect(true);
        device.subscribe("$iothub/methods/POST/#");
        nodes.stop(b);

        long started = System.nanoTime();
        HttpResponse<String> response = invoke(a, "orphan-dev", "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":30}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).get("errorCode").asInt()).isEqualTo(404103);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        device.close();
    }

    @Test
    void presence_left_by_a_node_that_stopped_heart_beating_is_ignored_so_a_call_is_404() throws Exception {
        nodes.createDevice(a, "ghost-dev");
        // what a node that crashed leaves: its row with a heartbeat older than three intervals, and its devices' presence
        nodes.executeInSchema("INSERT INTO hub_nodes (node_id, started_at, last_seen, telemetry_followers)"
                + " VALUES ('crashed-node', now() - interval '1 hour', now() - interval '10 seconds', 0)");
        nodes.executeInSchema("INSERT INTO hub_presence (device_id, node_id, session_id, connected_at)"
                + " VALUES ('ghost-dev', 'crashed-node', 'old-session', now() - interval '1 hour')");

        long started = System.nanoTime();
        HttpResponse<String> response = invoke(a, "ghost-dev", "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":30}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(json(response).get("errorCode").asInt()).isEqualTo(404103);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }
}
