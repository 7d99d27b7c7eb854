package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.protocol.sas.SasToken;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HubSasTokensTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final HubSasTokens tokens = new HubSasTokens("hub.example.com", "dev:1", Duration.ofHours(1),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void token_signs_the_encoded_device_resource_as_sent_without_key_name() {
        HubSasTokens.IssuedToken issued = tokens.issue(SymmetricKeyCredential.of(KEY));

        SasToken token = SasToken.parse(issued.password());
        assertThat(issued.password()).startsWith("SharedAccessSignature sr=hub.example.com%2Fdevices%2Fdev%3A1&sig=");
        assertThat(token.keyName()).isNull();
        assertThat(token.decodedResource()).isEqualTo("hub.example.com/devices/dev:1");
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
    }

    @Test
    void renewal_is_due_at_85_percent_of_the_lifetime() {
        HubSasTokens.IssuedToken issued = tokens.issue(SymmetricKeyCredential.of(KEY));

        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(issued.renewAt()).isEqualTo(NOW.plusSeconds(3060));
        assertThat(issued.renewIn(NOW)).isEqualTo(Duration.ofMinutes(51));
        assertThat(issued.renewIn(NOW.plusSeconds(3000))).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void renewal_that_is_overdue_happens_at_once() {
        HubSasTokens.IssuedToken issued = tokens.issue(SymmetricKeyCredential.of(KEY));

        assertThat(issued.renewIn(NOW.plusSeconds(4000))).isEqualTo(Duration.ZERO);
    }

    @Test
    void a_later_clock_gives_a_later_expiry() {
        HubSasTokens later = new HubSasTokens("h.example", "d", Duration.ofMinutes(10),
                Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC));

        HubSasTokens.IssuedToken issued = later.issue(SymmetricKeyCredential.of(KEY));

        assertThat(issued.expiresAt()).isEqualTo(NOW.plusSeconds(660));
        assertThat(issued.renewAt()).isEqualTo(NOW.plusSeconds(60 + 510));
    }
}
