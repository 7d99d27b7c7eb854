package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.CliException;
import dev.berth.device.provisioning.ProvisioningTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchArgumentsTest {

    @Test
    void durations_accept_seconds_units_and_iso() {
        assertThat(BenchDurations.parse("120s", "--d")).isEqualTo(Duration.ofSeconds(120));
        assertThat(BenchDurations.parse("90", "--d")).isEqualTo(Duration.ofSeconds(90));
        assertThat(BenchDurations.parse("2m", "--d")).isEqualTo(Duration.ofMinutes(2));
        assertThat(BenchDurations.parse("1500ms", "--d")).isEqualTo(Duration.ofMillis(1500));
        assertThat(BenchDurations.parse("PT1H", "--d")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void durations_that_are_garbage_or_out_of_range_are_refused_with_the_option_name() {
        assertThatThrownBy(() -> BenchDurations.parse("soon", "--duration-limit")).isInstanceOf(CliException.class)
                .hasMessageContaining("--duration-limit").hasMessageContaining("120s");
        assertThatThrownBy(() -> BenchDurations.parse("0s", "--duration-limit")).hasMessageContaining("between 1 s and 24 h");
        assertThatThrownBy(() -> BenchDurations.parse("25h", "--duration-limit")).hasMessageContaining("between 1 s and 24 h");
    }

    @Test
    void target_takes_host_port_or_a_url_of_the_transport_and_defaults_the_port() {
        assertThat(TargetAddress.parse("localhost:18883", ProvisioningTransport.MQTT)).isEqualTo(new TargetAddress("localhost", 18883));
        assertThat(TargetAddress.parse("mqtts://127.0.0.1", ProvisioningTransport.MQTT)).isEqualTo(new TargetAddress("127.0.0.1", 8883));
        assertThat(TargetAddress.parse("https://localhost:8443", ProvisioningTransport.HTTPS)).isEqualTo(new TargetAddress("localhost", 8443));
        assertThat(TargetAddress.parse("[::1]:8883", ProvisioningTransport.MQTT).port()).isEqualTo(8883);
    }

    @Test
    void target_with_another_transports_scheme_or_a_path_is_refused() {
        assertThatThrownBy(() -> TargetAddress.parse("https://localhost", ProvisioningTransport.MQTT))
                .hasMessageContaining("--transport is mqtt");
        assertThatThrownBy(() -> TargetAddress.parse("mqtts://localhost/x", ProvisioningTransport.MQTT))
                .hasMessageContaining("just a host and optional port");
        assertThatThrownBy(() -> TargetAddress.parse(" ", ProvisioningTransport.MQTT)).hasMessageContaining("empty");
    }

    @Test
    void loopback_names_and_addresses_are_told_apart_from_others() {
        assertThat(TargetAddress.isLoopback("localhost")).isTrue();
        assertThat(TargetAddress.isLoopback("127.0.0.1")).isTrue();
        assertThat(TargetAddress.isLoopback("::1")).isTrue();
        assertThat(TargetAddress.isLoopback("192.0.2.10")).isFalse();
    }
}
