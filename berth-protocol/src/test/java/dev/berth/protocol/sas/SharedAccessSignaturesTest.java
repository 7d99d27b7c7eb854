package dev.berth.protocol.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Test vectors from protocol.md §2.3.3 and §2.3.4 (computed independently with Python's hmac). */
class SharedAccessSignaturesTest {
    static final String DOCS_KEY = "18RQk/hOPJR9EbsJlk2j8WA6vWaj/yi+oaYg7zmxfQNdOyMSu+SJ8O7TSlZhDJCYmn4rzEiVKIzNiVAWjLxrGA==";

    @ParameterizedTest(name = "sr {0} signs to {1}")
    @CsvSource({
            "0ne00111111/registrations/my-symkey-device, ilmL0tIaoiEPuYd3aQCD1Fu/RwgzkyV2MavWBlRFpCE=",
            "0ne00111111%2Fregistrations%2Fmy-symkey-device, EnB4iU2Ch6gWFSv4bnaj/0OvMIqFZrsJMjvr9ymF7f8=",
            "0ne00111111%2fregistrations%2fmy-symkey-device, okcRQfF9CoJxB0kECroRxZFDCoUg1l3hpYszFm4sPCA="})
    void signature_is_hmac_over_sr_exactly_as_sent(String sr, String expected) {
        assertThat(SharedAccessSignatures.hmacBase64(DOCS_KEY, sr + "\n1700000000")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "token {0} verifies")
    @CsvSource(delimiter = '|', value = {
            // Java DPS: raw sr, empty skn at the end
            "SharedAccessSignature sr=0ne00111111/registrations/my-symkey-device&sig=ilmL0tIaoiEPuYd3aQCD1Fu%2FRwgzkyV2MavWBlRFpCE%3D&se=1700000000&skn=",
            // Node: raw sr, skn=registration in the middle
            "SharedAccessSignature sr=0ne00111111/registrations/my-symkey-device&sig=ilmL0tIaoiEPuYd3aQCD1Fu%2FRwgzkyV2MavWBlRFpCE%3D&skn=registration&se=1700000000",
            // C: lower-case %2f, signed encoded
            "SharedAccessSignature sr=0ne00111111%2fregistrations%2fmy-symkey-device&sig=okcRQfF9CoJxB0kECroRxZFDCoUg1l3hpYszFm4sPCA%3d&se=1700000000&skn=registration",
            // C#/Python: upper-case %2F
            "SharedAccessSignature sr=0ne00111111%2Fregistrations%2Fmy-symkey-device&sig=EnB4iU2Ch6gWFSv4bnaj%2F0OvMIqFZrsJMjvr9ymF7f8%3D&se=1700000000&skn=registration",
            // nanoFramework: no skn at all
            "SharedAccessSignature sr=0ne00111111%2Fregistrations%2Fmy-symkey-device&sig=EnB4iU2Ch6gWFSv4bnaj%2F0OvMIqFZrsJMjvr9ymF7f8%3D&se=1700000000",
            // docs order: sig, se, skn, sr
            "SharedAccessSignature sig=ilmL0tIaoiEPuYd3aQCD1Fu%2FRwgzkyV2MavWBlRFpCE%3D&se=1700000000&skn=registration&sr=0ne00111111/registrations/my-symkey-device",
            // a client that forgot to URL-encode the signature
            "SharedAccessSignature sr=0ne00111111/registrations/my-symkey-device&sig=ilmL0tIaoiEPuYd3aQCD1Fu/RwgzkyV2MavWBlRFpCE=&se=1700000000"})
    void every_sdk_token_form_verifies(String text) {
        SasToken token = SasToken.parse(text);
        assertThat(SharedAccessSignatures.isSignedWith(token, DOCS_KEY)).isTrue();
        assertThat(token.decodedResource()).isEqualTo("0ne00111111/registrations/my-symkey-device");
        assertThat(token.expiry()).isEqualTo(1700000000L);
    }

    @Test
    void hub_token_from_the_docs_verifies_byte_exactly() {
        SasToken token = SasToken.parse("SharedAccessSignature sr=MyExampleHub.azure-devices.net%2Fdevices%2Fmy-symkey-device"
                + "&sig=f%2BwW8XOKeJOtiPc9Iwjc4OpExvPM7NlhM9qxN2a1aAM%3D&se=1663119026");
        assertThat(SharedAccessSignatures.isSignedWith(token, DOCS_KEY)).isTrue();
    }

    @Test
    void token_signed_with_another_key_does_not_verify() {
        String token = SharedAccessSignatures.createToken(DOCS_KEY, "0ne00111111/registrations/a", 1700000000L, "registration");
        String otherKey = SharedAccessSignatures.deriveDeviceKey(DOCS_KEY, "other");
        assertThat(SharedAccessSignatures.isSignedWith(SasToken.parse(token), otherKey)).isFalse();
        assertThat(SharedAccessSignatures.isSignedWith(SasToken.parse(token), DOCS_KEY)).isTrue();
    }

    @Test
    void tampered_expiry_does_not_verify() {
        String token = SharedAccessSignatures.createToken(DOCS_KEY, "0ne00111111/registrations/a", 1700000000L, null);
        SasToken tampered = SasToken.parse(token.replace("se=1700000000", "se=1800000000"));
        assertThat(SharedAccessSignatures.isSignedWith(tampered, DOCS_KEY)).isFalse();
    }

    @Test
    void created_token_uses_documented_form() {
        String token = SharedAccessSignatures.createToken(DOCS_KEY, "0ne00111111/registrations/my-symkey-device", 1700000000L, "registration");
        assertThat(token).isEqualTo("SharedAccessSignature sr=0ne00111111%2Fregistrations%2Fmy-symkey-device"
                + "&sig=EnB4iU2Ch6gWFSv4bnaj%2F0OvMIqFZrsJMjvr9ymF7f8%3D&se=1700000000&skn=registration");
    }

    @Test
    void group_device_key_matches_docs_vector() {
        assertThat(SharedAccessSignatures.deriveDeviceKey(
                "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==",
                "sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6"))
                .isEqualTo("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=");
    }

    @Test
    void garbage_signature_is_not_accepted_and_does_not_throw() {
        SasToken token = SasToken.parse("SharedAccessSignature sr=a/registrations/b&sig=%%%not-base64&se=1");
        assertThat(SharedAccessSignatures.isSignedWith(token, DOCS_KEY)).isFalse();
    }

    @Test
    void key_validity_follows_dps_sizes() {
        assertThat(SharedAccessSignatures.isValidKey(DOCS_KEY)).isTrue();
        assertThat(SharedAccessSignatures.isValidKey("c2hvcnQ=")).isFalse();
        assertThat(SharedAccessSignatures.isValidKey("not base64!")).isFalse();
        assertThat(SharedAccessSignatures.isValidKey(null)).isFalse();
    }

    @Test
    void invalid_key_is_refused_with_a_message() {
        assertThatThrownBy(() -> SharedAccessSignatures.hmacBase64("***", "x")).hasMessageContaining("base64");
    }
}
