package dev.berth.device.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProvisioningDeviceClientTest {

    private static final SymmetricKeyCredential KEY = SymmetricKeyCredential.of("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=");

    @Test
    void create_takes_the_reference_sample_inputs() {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost", "0ne00000001", "dev-1", KEY,
                TrustedCa.systemDefault());

        assertThat(client.registrationId()).isEqualTo("dev-1");
    }

    @Test
    void invalid_payload_is_refused_before_connecting() {
        // port 1 on a name that cannot resolve: any connection attempt would fail differently
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("unresolvable.invalid").port(1)
                .idScope("0ne00000001").registrationId("dev-1").credential(KEY).build();

        assertThatThrownBy(() -> client.register("{not json", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> client.registerAsync("[1]", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> client.register(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be a positive duration");
    }

    @Test
    void unresolvable_host_fails_with_a_connection_error() {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("unresolvable.invalid")
                .idScope("0ne00000001").registrationId("dev-1").credential(KEY).build();

        assertThatThrownBy(() -> client.registerAsync(Duration.ofSeconds(10)).join())
                .hasCauseInstanceOf(ProvisioningClientException.class)
                .cause().hasMessageContaining("cannot connect to unresolvable.invalid:8883")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.CONNECTION_FAILED);
    }

    @Test
    void builder_rejects_bad_values_with_the_setting_named() {
        ProvisioningDeviceClientBuilder builder = ProvisioningDeviceClient.builder();

        assertThatThrownBy(() -> builder.host("mqtts://dps.example.net")).hasMessageContaining("without scheme or port");
        assertThatThrownBy(() -> builder.host("dps.example.net:8883")).hasMessageContaining("port(..)");
        assertThatThrownBy(() -> builder.port(0)).hasMessageContaining("port must be 1 to 65535");
        assertThatThrownBy(() -> builder.idScope("0ne/1")).hasMessageContaining("ID scope");
        assertThatThrownBy(() -> builder.registrationId("dev/#")).hasMessageContaining("registration ID");
        assertThatThrownBy(() -> builder.operationTimeout(Duration.ofSeconds(-1))).hasMessageContaining("operationTimeout");
        assertThatThrownBy(() -> builder.sasTokenLifetime(null)).hasMessageContaining("sasTokenLifetime");
        assertThatThrownBy(() -> ProvisioningDeviceClient.create("h.example", "0ne1", "d", (SymmetricKeyCredential) null,
                TrustedCa.systemDefault())).hasMessageContaining("device credential is missing");
    }

    @Test
    void builder_names_the_missing_setting() {
        assertThatThrownBy(() -> ProvisioningDeviceClient.builder().host("h.example").idScope("0ne1").registrationId("d").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("credential is not set");
    }

    @Test
    void default_port_follows_the_transport() {
        assertThat(failureConnecting(ProvisioningDeviceClient.builder())).contains("unresolvable.invalid:8883");
        assertThat(failureConnecting(ProvisioningDeviceClient.builder().transport(ProvisioningTransport.MQTT_WS)))
                .contains("unresolvable.invalid:443");
        assertThat(failureConnecting(ProvisioningDeviceClient.builder().transport(ProvisioningTransport.HTTPS)))
                .contains("unresolvable.invalid:443");
        assertThat(ProvisioningTransport.MQTT.defaultPort()).isEqualTo(8883);
        assertThat(ProvisioningTransport.MQTT_WS.defaultPort()).isEqualTo(443);
        assertThat(ProvisioningTransport.HTTPS.defaultPort()).isEqualTo(443);
    }

    @Test
    void explicit_port_wins_over_the_transport_default_whatever_the_order() {
        assertThat(failureConnecting(ProvisioningDeviceClient.builder().port(8443).transport(ProvisioningTransport.HTTPS)))
                .contains("unresolvable.invalid:8443");
        assertThat(failureConnecting(ProvisioningDeviceClient.builder().transport(ProvisioningTransport.MQTT_WS).port(9443)))
                .contains("unresolvable.invalid:9443");
    }

    @Test
    void https_failure_names_the_endpoint_and_is_a_connection_failure() {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("unresolvable.invalid")
                .transport(ProvisioningTransport.HTTPS).idScope("0ne00000001").registrationId("dev-1").credential(KEY).build();

        assertThatThrownBy(() -> client.register(Duration.ofSeconds(10)))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("cannot connect to unresolvable.invalid:443")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.CONNECTION_FAILED);
    }

    @Test
    void unresolvable_proxy_is_a_connection_failure_naming_the_proxy() {
        for (ProvisioningTransport transport : ProvisioningTransport.values()) {
            ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host("localhost").transport(transport)
                    .proxy(ProxySettings.of("proxy.unresolvable.invalid", 3128))
                    .idScope("0ne00000001").registrationId("dev-1").credential(KEY).build();

            assertThatThrownBy(() -> client.register(Duration.ofSeconds(10)))
                    .as(transport.name())
                    .isInstanceOf(ProvisioningClientException.class)
                    .hasMessageContaining("through HTTP proxy proxy.unresolvable.invalid:3128")
                    .extracting(e -> ((ProvisioningClientException) e).reason())
                    .isEqualTo(ProvisioningClientException.Reason.CONNECTION_FAILED);
        }
    }

    @Test
    void https_through_an_authenticating_proxy_needs_basic_allowed_for_tunnels() {
        String key = "jdk.http.auth.tunneling.disabledSchemes";
        String before = System.getProperty(key);
        ProvisioningDeviceClientBuilder builder = ProvisioningDeviceClient.builder().host("localhost")
                .idScope("0ne00000001").registrationId("dev-1").credential(KEY)
                .proxy(ProxySettings.of("proxy.example.com", 3128).withCredentials("user", "pw"));
        try {
            System.setProperty(key, "Digest, Basic");
            assertThat(builder.transport(ProvisioningTransport.MQTT_WS).build()).isNotNull();
            assertThatThrownBy(() -> builder.transport(ProvisioningTransport.HTTPS).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("-Djdk.http.auth.tunneling.disabledSchemes= (empty)");

            System.setProperty(key, "");
            assertThat(builder.transport(ProvisioningTransport.HTTPS).build()).isNotNull();
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }

    private static String failureConnecting(ProvisioningDeviceClientBuilder builder) {
        ProvisioningDeviceClient client = builder.host("unresolvable.invalid").idScope("0ne00000001")
                .registrationId("dev-1").credential(KEY).build();
        try {
            client.register(Duration.ofSeconds(10));
        } catch (ProvisioningClientException e) {
            return e.getMessage();
        }
        throw new AssertionError("registering with unresolvable.invalid did not fail");
    }
}
