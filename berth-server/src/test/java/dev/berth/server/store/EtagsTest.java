package dev.berth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EtagsTest {

    @Test
    void if_match_accepts_the_etag_with_or_without_quotes_and_as_a_weak_etag() {
        assertThat(Etags.matches("\"abc\"", "\"abc\"")).isTrue();
        assertThat(Etags.matches("abc", "\"abc\"")).isTrue();
        assertThat(Etags.matches(" W/\"abc\" ", "\"abc\"")).isTrue();
        assertThat(Etags.matches("\"abd\"", "\"abc\"")).isFalse();
    }

    @Test
    void null_blank_and_star_are_unconditional_even_when_nothing_is_stored() {
        assertThatCode(() -> Etags.check("enrollment", "dev-1", null, null)).doesNotThrowAnyException();
        assertThatCode(() -> Etags.check("enrollment", "dev-1", " * ", "\"x\"")).doesNotThrowAnyException();
        assertThatCode(() -> Etags.check("enrollment", "dev-1", "", "\"x\"")).doesNotThrowAnyException();
    }

    @Test
    void a_mismatch_names_the_entity_and_both_etags() {
        assertThatThrownBy(() -> Etags.check("enrollment group", "g1", "old", "\"new\""))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessage("enrollment group 'g1' was changed: If-Match \"old\" does not match the current etag \"new\"");
    }

    @Test
    void a_new_etag_is_quoted_hex_and_differs_from_the_previous_one() {
        String first = Etags.next(null);
        assertThat(first).matches("\"[0-9a-f]{16}\"");
        assertThat(Etags.next(first)).isNotEqualTo(first);
    }
}
