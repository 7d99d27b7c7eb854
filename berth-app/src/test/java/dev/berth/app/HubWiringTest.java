package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HubWiringTest {
    private static final String AZURE = "HostName=myhub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey="
            + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void without_hub_names_the_first_dotted_host_name_is_the_embedded_hub() {
        assertThat(HubWiring.of(List.of("localhost", "berth.example.com"), List.of(), true, List.of(), Duration.ofDays(7)).linkedHubs())
                .containsExactly("berth.example.com");
        assertThat(HubWiring.of(List.of(), List.of(), true, List.of(), Duration.ofDays(7)).linkedHubs()).containsExactly("127.0.0.1");
    }

    @Test
    void embedded_hub_names_go_into_the_server_certificate_names() {
        HubWiring wiring = HubWiring.of(List.of(), List.of("hub.example.com"), true, List.of(), Duration.ofDays(7));
        assertThat(wiring.hostNames()).containsExactly("localhost", "hub.example.com");
        assertThat(HubWiring.of(List.of(), List.of(), true, List.of(), Duration.ofDays(7)).hostNames()).containsExactly("localhost");
    }

    @Test
    void no_hub_links_the_hubs_without_serving_them() {
        HubWiring wiring = HubWiring.of(List.of(), List.of("hub.example.com"), false, List.of(), Duration.ofDays(7));
        assertThat(wiring.linkedHubs()).containsExactly("hub.example.com");
        assertThat(wiring.hostNames()).containsExactly("localhost");
    }

    @Test
    void an_azure_hub_is_linked_but_not_served_by_the_embedded_hub() {
        HubWiring onlyAzure = HubWiring.of(List.of(), List.of(), true, List.of(AZURE), Duration.ofDays(7));
        assertThat(onlyAzure.linkedHubs()).containsExactly("myhub.azure-devices.net");
        assertThat(onlyAzure.hostNames()).containsExactly("localhost");

        HubWiring both = HubWiring.of(List.of(), List.of("hub.example.com", "myhub.azure-devices.net"), true, List.of(AZURE),
                Duration.ofDays(7));
        assertThat(both.linkedHubs()).containsExactly("hub.example.com", "myhub.azure-devices.net");
        assertThat(both.hostNames()).containsExactly("localhost", "hub.example.com");
    }

    @Test
    void a_bad_hub_connection_string_is_refused_with_the_option_name() {
        assertThatThrownBy(() -> HubWiring.of(List.of(), List.of(), true, List.of("HostName=x"), Duration.ofDays(7)))
                .isInstanceOf(CliException.class).hasMessageContaining("bad --hub-connection-string");
    }

    @Test
    void retention_takes_days_hours_minutes_and_iso() {
        assertThat(HubWiring.parseRetention("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(HubWiring.parseRetention("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(HubWiring.parseRetention("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(HubWiring.parseRetention("P2D")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> HubWiring.parseRetention("soon")).hasMessageContaining("--telemetry-retention must be a duration");
        assertThatThrownBy(() -> HubWiring.parseRetention("10s")).hasMessageContaining("at least 1 minute");
    }
}
