package dev.berth.protocol.dps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every username of protocol.md §2.2 and sdk-captures.md. */
class DpsUsernameTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Java|0ne00000001/registrations/group-device-07/api-version=2019-03-31&ClientVersion=2019-03-31|2019-03-31",
            "Node|0ne00000001/registrations/group-device-07/api-version=2019-03-31&ClientVersion=azure-iot-provisioning-device%2F1.9.1|2019-03-31",
            "C|0ne00000001/registrations/group-device-07/api-version=2021-06-01&ClientVersion=1.15.0|2021-06-01",
            "embedded C|0ne00000001/registrations/group-device-07/api-version=2019-03-31|2019-03-31",
            "embedded C CSR|0ne00000001/registrations/group-device-07/api-version=2025-07-01-preview|2025-07-01-preview",
            "C#|0ne00000001/registrations/group-device-07/api-version=2019-03-31&ClientVersion=Microsoft.Azure.Devices.Provisioning.Client%2F1.19.0|2019-03-31",
            "nanoFramework|0ne00000001/registrations/group-device-07/api-version=2019-03-31&DeviceClientType=nano%3Bazrsdk1.2%3BESP32|2019-03-31",
            "unknown suffix|0ne00000001/registrations/group-device-07/api-version=2019-03-31&future=1&x|2019-03-31"})
    void parses_every_sdk_username(String sdk, String username, String apiVersion) {
        DpsUsername parsed = DpsUsername.parse(username);
        assertThat(parsed.idScope()).isEqualTo("0ne00000001");
        assertThat(parsed.registrationId()).isEqualTo("group-device-07");
        assertThat(parsed.apiVersion()).isEqualTo(apiVersion);
        assertThat(parsed.sasResource()).isEqualTo("0ne00000001/registrations/group-device-07");
    }

    @Test
    void recognises_the_official_java_sdk_by_its_repeated_api_version() {
        assertThat(DpsUsername.parse("s/registrations/r/api-version=2019-03-31&ClientVersion=2019-03-31").isOfficialJavaSdk()).isTrue();
        assertThat(DpsUsername.parse("s/registrations/r/api-version=2019-03-31&ClientVersion=azure-iot-provisioning-device%2F1.9.1")
                .isOfficialJavaSdk()).isFalse();
        assertThat(DpsUsername.parse("s/registrations/r/api-version=2019-03-31").isOfficialJavaSdk()).isFalse();
    }

    @Test
    void client_version_is_url_decoded() {
        assertThat(DpsUsername.parse("s/registrations/r/api-version=1&ClientVersion=a%2Fb").parameters()).containsEntry("ClientVersion", "a/b");
    }

    @Test
    void formats_what_it_parses() {
        String username = DpsUsername.format("0ne00000001", "dev-1", "berth-device/0.1");
        assertThat(username).isEqualTo("0ne00000001/registrations/dev-1/api-version=2019-03-31&ClientVersion=berth-device%2F0.1");
        assertThat(DpsUsername.parse(username).parameters()).containsEntry("ClientVersion", "berth-device/0.1");
    }

    @Test
    void tells_provisioning_from_hub_usernames() {
        assertThat(DpsUsername.looksLikeProvisioning("0ne1/registrations/x/api-version=1")).isTrue();
        assertThat(DpsUsername.looksLikeProvisioning("hub.example.com/dev-1/?api-version=2021-04-12")).isFalse();
        assertThat(DpsUsername.looksLikeProvisioning(null)).isFalse();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "|missing",
            "0ne1/registrations/|no registration ID",
            "0ne1/registrations/dev|no registration ID or no api-version",
            "0ne1/registrations/dev/|no api-version",
            "0ne1/registrations/dev/api-version=|no api-version",
            "/registrations/dev/api-version=1|not a provisioning username",
            "a/b/registrations/dev/api-version=1|malformed"})
    void malformed_usernames_are_explained(String username, String message) {
        assertThatThrownBy(() -> DpsUsername.parse(username)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void resource_matching_is_case_insensitive_and_tolerates_a_leading_slash() {
        assertThat(DpsResource.matches("0NE1/registrations/Dev", "0ne1", "dev")).isTrue();
        assertThat(DpsResource.matches("/0ne1/registrations/dev", "0ne1", "dev")).isTrue();
        assertThat(DpsResource.matches("0ne1/registrations/other", "0ne1", "dev")).isFalse();
        assertThat(DpsResource.matches("0ne2/registrations/dev", "0ne1", "dev")).isFalse();
    }
}
