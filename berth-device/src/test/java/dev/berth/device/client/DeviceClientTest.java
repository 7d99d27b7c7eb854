package dev.berth.device.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** What the client does without a hub: configuration checks, refusals as answers, and operations on a closed client. */
class DeviceClientTest {

    private static final SymmetricKeyCredential KEY = SymmetricKeyCredential.of(Base64.getEncoder().encodeToString(new byte[32]));

    @Test
    void open_against_a_port_nobody_listens_on_returns_false_with_the_reason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        DeviceClient client = DeviceClient.builder().hubHostName("localhost").port(port).deviceId("d1").credential(KEY)
                .trustedCa(TrustedCa.systemDefault()).operationTimeout(Duration.ofSeconds(5)).build();
        client.onConnectionStatusChange(statuses::add);

        assertThat(client.open()).isFalse();

        assertThat(client.isConnected()).isFalse();
        assertThat(client.lastError()).startsWith("cannot connect to localhost:" + port);
        assertThatThrownBy(() -> client.sendMessage("x", null, null)).isInstanceOf(DeviceClientException.class)
                .satisfies(e -> assertThat(((DeviceClientException) e).reason()).isEqualTo(DeviceClientException.Reason.NOT_CONNECTED))
                .hasMessageContaining("cannot connect to localhost:" + port);
        client.close();
    }

    @Test
    void operations_before_open_fail_with_not_connected() {
        DeviceClient client = new DeviceClient("hub.example.com", "d1", KEY, MessageQos.AT_LEAST_ONCE, TrustedCa.systemDefault());

        assertThatThrownBy(() -> client.getTwin(Duration.ofSeconds(1))).isInstanceOf(DeviceClientException.class)
                .hasMessageContaining("call open() first");
        assertThatThrownBy(() -> client.updateReportedProperties(Map.of("a", 1), Duration.ofSeconds(1)))
                .isInstanceOf(DeviceClientException.class);
        assertThat(client.isConnected()).isFalse();
        client.close(); // closing a client that never opened is harmless
    }

    @Test
    void bad_arguments_are_refused_before_anything_is_sent() {
        DeviceClient client = new DeviceClient("hub.example.com", "d1", KEY, MessageQos.AT_MOST_ONCE, TrustedCa.systemDefault());

        assertThatThrownBy(() -> client.sendMessage(new byte[256 * 1024 + 1], null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 KB");
        assertThatThrownBy(() -> client.sendMessage("x", null, Map.of("$.cid", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> client.updateReportedProperties("[1,2]", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> client.getTwin(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.onMethod("a/b", p -> MethodResult.ok(null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void builder_names_what_is_wrong() {
        assertThatThrownBy(() -> DeviceClient.builder().deviceId("d").credential(KEY).build())
                .hasMessageContaining("hub host name is missing");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("hub.example.com:8884").deviceId("d").credential(KEY).build())
                .hasMessageContaining("bare host name");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").credential(KEY).build())
                .hasMessageContaining("device ID is missing");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").build())
                .hasMessageContaining("credential");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY)
                .keepAlive(Duration.ofSeconds(2000)).build()).hasMessageContaining("keepAlive must be between");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY)
                .sasTokenLifetime(Duration.ofSeconds(10)).build()).hasMessageContaining("sasTokenLifetime");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY)
                .reconnectBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)).build())
                .hasMessageContaining("maximum reconnect delay");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY)
                .reconnectJitter(1.5).build()).hasMessageContaining("jitter");
        assertThatThrownBy(() -> DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY)
                .port(0).build()).hasMessageContaining("port");
    }

    @Test
    void builder_defaults_follow_the_azure_sdks() {
        var settings = DeviceClient.builder().hubHostName("h.example").deviceId("d").credential(KEY).settings();

        assertThat(settings.port()).isEqualTo(8883);
        assertThat(settings.qos()).isEqualTo(MessageQos.AT_LEAST_ONCE);
        assertThat(settings.cleanSession()).isFalse();
        assertThat(settings.sasTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.username()).startsWith("h.example/d/?api-version=2021-04-12&DeviceClientType=berth-device%2F");
    }
}
