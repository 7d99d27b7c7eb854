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
        assertThatThrownBy(() -> ProvisioningDeviceClient.create("h.example", "0ne1", "d", null, TrustedCa.systemDefault()))
                .hasMessageContaining("device key is missing");
    }

    @Test
    void builder_names_the_missing_setting() {
        assertThatThrownBy(() -> ProvisioningDeviceClient.builder().host("h.example").idScope("0ne1").registrationId("d").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("credential is not set");
    }
}
