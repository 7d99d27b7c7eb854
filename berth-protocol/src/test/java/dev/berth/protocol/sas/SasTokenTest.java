package dev.berth.protocol.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SasTokenTest {

    @Test
    void empty_skn_counts_as_absent() {
        assertThat(SasToken.parse("SharedAccessSignature sr=a&sig=b&se=1&skn=").keyName()).isNull();
        assertThat(SasToken.parse("SharedAccessSignature sr=a&sig=b&se=1").keyName()).isNull();
        assertThat(SasToken.parse("SharedAccessSignature sr=a&sig=b&se=1&skn=registration").keyName()).isEqualTo("registration");
    }

    @Test
    void prefix_is_case_insensitive_and_fields_keep_their_raw_form() {
        SasToken token = SasToken.parse("sharedaccesssignature sr=x%2Fy&sig=a%2Bb%3D&se=42");
        assertThat(token.resource()).isEqualTo("x%2Fy");
        assertThat(token.decodedResource()).isEqualTo("x/y");
        assertThat(token.signature()).isEqualTo("a+b=");
        assertThat(token.stringToSign()).isEqualTo("x%2Fy\n42");
    }

    @Test
    void literal_plus_in_signature_stays_a_plus() {
        assertThat(SasToken.parse("SharedAccessSignature sr=a&sig=ab+c=&se=1").signature()).isEqualTo("ab+c=");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "|empty",
            "Bearer abc|must start with",
            "SharedAccessSignature sig=b&se=1|'sr'",
            "SharedAccessSignature sr=a&se=1|'sig'",
            "SharedAccessSignature sr=a&sig=b|'se'",
            "SharedAccessSignature sr=a&sig=b&se=tomorrow|integer",
            "SharedAccessSignature sr=a&sig=b&se=1&sr=c|repeats",
            "SharedAccessSignature sr=a&sig=b&se=1&junk|name=value"})
    void malformed_tokens_say_what_is_wrong(String text, String message) {
        assertThatThrownBy(() -> SasToken.parse(text)).isInstanceOf(MalformedSasTokenException.class).hasMessageContaining(message);
    }

    @Test
    void percent_decoding_keeps_malformed_escapes_and_handles_utf8() {
        assertThat(PercentEncoding.decode("a%zz%2")).isEqualTo("a%zz%2");
        assertThat(PercentEncoding.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(PercentEncoding.encode("a/b c+é")).isEqualTo("a%2Fb%20c%2B%C3%A9");
    }
}
