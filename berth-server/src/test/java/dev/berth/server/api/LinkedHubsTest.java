package dev.berth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.server.allocation.LinkedHubs;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinkedHubsTest {

    @Test
    void names_are_lower_cased_deduplicated_and_found_case_insensitively() {
        LinkedHubs hubs = LinkedHubs.of("Hub-A.Example.com", "hub-a.example.com", "hub-b.example.com");

        assertThat(hubs.hostNames()).containsExactly("hub-a.example.com", "hub-b.example.com");
        assertThat(hubs.find(" HUB-B.example.COM")).contains("hub-b.example.com");
        assertThat(hubs.find("hub-c.example.com")).isEmpty();
    }

    @Test
    void a_name_without_a_dot_or_with_a_port_is_refused_with_the_reason() {
        assertThatThrownBy(() -> LinkedHubs.of("localhost")).hasMessageContaining("needs a dot");
        assertThatThrownBy(() -> LinkedHubs.of("hub.example.com:8883")).hasMessageContaining("port");
        assertThatThrownBy(() -> LinkedHubs.of("hub_1.example.com")).hasMessageContaining("'_'");
        assertThatThrownBy(() -> LinkedHubs.of(List.of())).hasMessageContaining("at least one");
    }
}
