package dev.berth.device.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.protocol.sas.SasToken;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SymmetricKeyCredentialTest {

    // protocol.md §2.3.4, from the Azure DPS documentation
    private static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";
    private static final String REGISTRATION_ID = "sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6";
    private static final String DERIVED_KEY = "Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=";

    @Test
    void derived_device_key_matches_the_documented_vector() {
        assertThat(SymmetricKeyCredential.deriveDeviceKey(GROUP_KEY, REGISTRATION_ID)).isEqualTo(DERIVED_KEY);
    }

    @Test
    void group_device_credential_signs_with_the_derived_key() {
        SymmetricKeyCredential credential = SymmetricKeyCredential.forGroupDevice(GROUP_KEY, REGISTRATION_ID);

        String token = credential.createSasToken("0ne00000001/registrations/" + REGISTRATION_ID,
                Instant.ofEpochSecond(1_900_000_000L), "registration");

        SasToken parsed = SasToken.parse(token);
        assertThat(SharedAccessSignatures.isSignedWith(parsed, DERIVED_KEY)).isTrue();
        assertThat(SharedAccessSignatures.isSignedWith(parsed, GROUP_KEY)).isFalse();
        assertThat(token).contains("se=1900000000").contains("skn=registration")
                .contains("sr=0ne00000001%2Fregistrations%2F" + REGISTRATION_ID);
    }

    @Test
    void key_with_surrounding_whitespace_is_accepted() {
        SymmetricKeyCredential credential = SymmetricKeyCredential.of("  " + DERIVED_KEY + "\n");

        String token = credential.createSasToken("scope/registrations/dev", Instant.ofEpochSecond(1_900_000_000L), null);

        assertThat(SharedAccessSignatures.isSignedWith(SasToken.parse(token), DERIVED_KEY)).isTrue();
        assertThat(token).doesNotContain("skn=");
    }

    @Test
    void key_that_is_not_base64_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> SymmetricKeyCredential.of("not*base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("device key is not valid base64");
        assertThatThrownBy(() -> SymmetricKeyCredential.forGroupDevice("%%%", "dev-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group key is not valid base64");
    }

    @Test
    void missing_or_wrong_sized_keys_are_refused() {
        assertThatThrownBy(() -> SymmetricKeyCredential.of(null)).hasMessageContaining("device key is missing");
        assertThatThrownBy(() -> SymmetricKeyCredential.of(" ")).hasMessageContaining("device key is missing");
        assertThatThrownBy(() -> SymmetricKeyCredential.of("c2hvcnQ=")) // "short", 5 bytes
                .hasMessageContaining("decodes to 5 bytes");
    }

    @Test
    void deriving_needs_a_registration_id() {
        assertThatThrownBy(() -> SymmetricKeyCredential.deriveDeviceKey(GROUP_KEY, " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("registration ID");
    }

    @Test
    void to_string_never_shows_the_key() {
        assertThat(SymmetricKeyCredential.of(DERIVED_KEY).toString()).doesNotContain(DERIVED_KEY).contains("hidden");
    }
}
