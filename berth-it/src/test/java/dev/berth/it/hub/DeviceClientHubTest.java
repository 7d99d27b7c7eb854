package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.device.client.CloudToDeviceMessage;
import dev.berth.device.client.ConnectionStatus;
import dev.berth.device.client.DesiredPropertiesUpdate;
import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.DeviceClientException;
import dev.berth.device.client.MethodResult;
import dev.berth.device.client.Twin;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.it.hub.HubTestBed.Kind;
import dev.berth.it.hub.HubTestBed.ProvisionedDevice;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Berth SDK's {@link DeviceClient} against the real Berth hub in process: each device is provisioned through
 * DPS first (symmetric key or X.509), then opens its client as the reference sample does.
 */
class DeviceClientHubTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DEVICES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;
    static HubTestBed bed;

    @BeforeAll
    static void start() {
        bed = new HubTestBed(dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    private static ProvisionedDevice provision(Kind kind) {
        return bed.provision(kind, "dc-" + kind.name().toLowerCase(Locale.ROOT) + "-" + DEVICES.incrementAndGet());
    }

    private static DeviceClient opened(ProvisionedDevice device) {
        DeviceClient client = bed.client(device);
        assertThat(client.open()).as("open: %s", client.lastError()).isTrue();
        return client;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void provisioned_device_opens_and_its_telemetry_is_stored_with_its_properties(Kind kind) {
        ProvisionedDevice device = provision(kind);
        try (DeviceClient client = opened(device)) {
            assertThat(client.isConnected()).isTrue();

            String messageId = client.sendMessage("{\"temperature\":21.5}", "application/json", Map.of("alert", "no", "site", "hall 3"));
            client.sendMessage(new byte[] {0, 1, 2}, "application/octet-stream", null);

            List<TelemetryMessage> stored = bed.hub().store().telemetryAfter(0, device.deviceId(), 10);
            assertThat(stored).hasSize(2);
            assertThat(stored.get(0).systemProperties()).containsEntry("$.mid", messageId)
                    .containsEntry("$.ct", "application/json").containsEntry("$.ce", "utf-8");
            assertThat(stored.get(0).applicationProperties()).containsEntry("alert", "no").containsEntry("site", "hall 3");
            assertThat(new String(stored.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\":21.5}");
            assertThat(stored.get(1).payload()).containsExactly(0, 1, 2);
            assertThat(stored.get(1).systemProperties()).doesNotContainKey("$.ce");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void reported_patch_returns_the_new_version_and_shows_in_the_twin(Kind kind) throws Exception {
        ProvisionedDevice device = provision(kind);
        try (DeviceClient client = opened(device)) {
            long first = client.updateReportedProperties(Map.of("firmware", "1.0", "obsolete", true), TIMEOUT);
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("firmware", "1.1");
            patch.put("obsolete", null);
            long second = client.updateReportedProperties(patch, TIMEOUT);

            Twin twin = client.getTwin(TIMEOUT);

            assertThat(second).isGreaterThan(first);
            assertThat(twin.reported().version()).isEqualTo(second);
            assertThat(twin.reported().properties()).containsEntry("firmware", "1.1").doesNotContainKey("obsolete");
            JsonNode serviceTwin = JSON.readTree(bed.service("GET", "/twins/" + device.deviceId(), null).body());
            assertThat(serviceTwin.at("/properties/reported/firmware").asText()).isEqualTo("1.1");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void desired_patch_through_the_service_api_reaches_the_device(Kind kind) {
        ProvisionedDevice device = provision(kind);
        List<DesiredPropertiesUpdate> updates = new CopyOnWriteArrayList<>();
        try (DeviceClient client = bed.client(device)) {
            client.onDesiredPropertiesUpdate(updates::add);
            assertThat(client.open()).as(client.lastError()).isTrue();

            HttpResponse<String> patched = bed.service("PATCH", "/twins/" + device.deviceId(),
                    "{\"properties\":{\"desired\":{\"interval\":30,\"mode\":\"eco\"}}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

            await().atMost(TIMEOUT).until(() -> !updates.isEmpty());
            DesiredPropertiesUpdate update = updates.get(0);
            assertThat(update.patch()).containsEntry("interval", 30).containsEntry("mode", "eco");
            assertThat(client.getTwin(TIMEOUT).desired().version()).isEqualTo(update.version());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void direct_method_is_answered_by_its_handler_unknown_ones_with_404_and_failures_with_500(Kind kind) throws Exception {
        ProvisionedDevice device = provision(kind);
        try (DeviceClient client = bed.client(device)) {
            client.onMethod("double", payload -> MethodResult.ok("{\"result\":" + 2 * JSON.readTree(payload).get("n").asInt() + "}"));
            client.onMethod("fail", payload -> {
                throw new IllegalStateException("sensor offline");
            });
            assertThat(client.open()).as(client.lastError()).isTrue();

            JsonNode doubled = invoke(device, "{\"methodName\":\"double\",\"payload\":{\"n\":21},\"responseTimeoutInSeconds\":10}");
            JsonNode unknown = invoke(device, "{\"methodName\":\"reboot\",\"responseTimeoutInSeconds\":10}");
            JsonNode failed = invoke(device, "{\"methodName\":\"fail\",\"payload\":{},\"responseTimeoutInSeconds\":10}");

            assertThat(doubled.get("status").asInt()).isEqualTo(200);
            assertThat(doubled.at("/payload/result").asInt()).isEqualTo(42);
            assertThat(unknown.get("status").asInt()).isEqualTo(404);
            assertThat(unknown.at("/payload/message").asText()).contains("'reboot' is not implemented");
            assertThat(failed.get("status").asInt()).isEqualTo(500);
            assertThat(failed.at("/payload/message").asText()).contains("sensor offline");
        }
    }

    private static JsonNode invoke(ProvisionedDevice device, String body) throws Exception {
        HttpResponse<String> response = bed.service("POST", "/twins/" + device.deviceId() + "/methods", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cloud_to_device_message_arrives_with_its_properties_and_is_completed(Kind kind) {
        ProvisionedDevice device = provision(kind);
        List<CloudToDeviceMessage> received = new CopyOnWriteArrayList<>();
        try (DeviceClient client = bed.client(device)) {
            client.onCloudToDeviceMessage(received::add);
            assertThat(client.open()).as(client.lastError()).isTrue();

            HttpResponse<String> sent = bed.service("POST", "/devices/" + device.deviceId() + "/messages/devicebound",
                    "{\"payload\":\"open the valve\",\"properties\":{\"priority\":\"high\"},\"correlationId\":\"job-7\",\"messageId\":\"m-7\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);

            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            CloudToDeviceMessage message = received.get(0);
            assertThat(message.bodyAsString()).isEqualTo("open the valve");
            assertThat(message.properties()).containsEntry("priority", "high");
            assertThat(message.messageId()).isEqualTo("m-7");
            assertThat(message.correlationId()).isEqualTo("job-7");
            await().atMost(TIMEOUT).until(() -> bed.hub().store().pendingMessageCount(device.deviceId(), java.time.Instant.now()) == 0);
        }
    }

    @Test
    void lost_connection_is_restored_with_its_subscriptions_and_messages_queued_meanwhile_arrive() throws Exception {
        ProvisionedDevice device = provision(Kind.SAS);
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        List<CloudToDeviceMessage> received = new CopyOnWriteArrayList<>();
        try (CuttableTcpProxy network = new CuttableTcpProxy(bed.mqttPort());
             DeviceClient client = bed.client(device, network.port())) {
            client.onConnectionStatusChange(statuses::add);
            client.onCloudToDeviceMessage(received::add);
            client.onMethod("ping", payload -> MethodResult.ok("\"pong\""));
            assertThat(client.open()).as(client.lastError()).isTrue();

            network.cut();
            await().atMost(TIMEOUT).until(() -> statuses.stream().anyMatch(s -> s.state() == ConnectionStatus.State.DISCONNECTED_RETRYING));
            assertThat(client.isConnected()).isFalse();
            HttpResponse<String> queued = bed.service("POST", "/devices/" + device.deviceId() + "/messages/devicebound",
                    "{\"payload\":\"while you were away\"}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            network.restore();

            await().atMost(TIMEOUT).until(client::isConnected);
            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            assertThat(received.get(0).bodyAsString()).isEqualTo("while you were away");
            JsonNode pong = invoke(device, "{\"methodName\":\"ping\",\"responseTimeoutInSeconds\":10}");
            assertThat(pong.get("payload").asText()).isEqualTo("pong");
            client.sendMessage("back", "text/plain", null);
            await().atMost(TIMEOUT).until(() -> statuses.get(statuses.size() - 1).state() == ConnectionStatus.State.CONNECTED);
            assertThat(statuses).extracting(ConnectionStatus::state).containsSubsequence(ConnectionStatus.State.CONNECTED,
                    ConnectionStatus.State.DISCONNECTED_RETRYING, ConnectionStatus.State.CONNECTED);
        }
    }

    @Test
    void wrong_key_makes_open_return_false_with_the_hub_refusal() {
        ProvisionedDevice device = provision(Kind.SAS);
        DeviceClient client = bed.client(device.deviceId(), HubTestBed.newKey());

        assertThat(client.open()).isFalse();

        assertThat(client.isConnected()).isFalse();
        assertThat(client.lastError()).contains("refused device '" + device.deviceId() + "'").contains("CONNACK");
        assertThatThrownBy(() -> client.sendMessage("x", null, null)).isInstanceOf(DeviceClientException.class)
                .hasMessageContaining("CONNACK");
        client.close();
    }

    @Test
    void deleted_device_is_dropped_retries_and_ends_disconnected_with_the_reason() {
        ProvisionedDevice device = provision(Kind.SAS);
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        try (DeviceClient client = bed.client(device)) {
            client.onConnectionStatusChange(statuses::add);
            assertThat(client.open()).as(client.lastError()).isTrue();

            HttpResponse<String> deleted = bed.service("DELETE", "/devices/" + device.deviceId(), null);
            assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

            await().atMost(TIMEOUT).until(() -> statuses.stream().anyMatch(s -> s.state() == ConnectionStatus.State.DISCONNECTED));
            assertThat(statuses).extracting(ConnectionStatus::state).containsSubsequence(ConnectionStatus.State.CONNECTED,
                    ConnectionStatus.State.DISCONNECTED_RETRYING, ConnectionStatus.State.DISCONNECTED);
            assertThat(statuses.get(statuses.size() - 1).reason()).contains("CONNACK");
            assertThat(client.isConnected()).isFalse();
        }
    }
}
