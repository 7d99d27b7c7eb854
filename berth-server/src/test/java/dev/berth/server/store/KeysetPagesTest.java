package dev.berth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysetPagesTest {

    @Test
    void a_token_carries_the_last_key_and_no_token_starts_before_every_key() {
        String token = KeysetPages.after("dev-09/ünïcode");

        assertThat(token).doesNotContain("=", "+", "/");
        assertThat(KeysetPages.keyOf(token)).isEqualTo("dev-09/ünïcode");
        assertThat(KeysetPages.keyOf(null)).isEmpty();
    }

    @Test
    void tokens_that_were_not_handed_out_are_refused() {
        assertThatThrownBy(() -> KeysetPages.keyOf("not base64!")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid continuation token");
        assertThatThrownBy(() -> KeysetPages.keyOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeysetPages.keyOf("__8")).as("not UTF-8").isInstanceOf(IllegalArgumentException.class);
    }
}
