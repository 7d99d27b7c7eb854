package dev.berth.protocol.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hub CONNECT usernames the SDKs send (protocol.md §7.2). */
class HubUsernameTest {

    @Test
    void java_username_is_parsed_with_its_client_type_and_recognised_as_the_official_java_sdk() {
        HubUsername username = HubUsername.parse("hub.example.com/dev-1/?api-version=2020-09-30&DeviceClientType="
                + "com.microsoft.azure.sdk.iot.iot-device-client%2F2.5.0%20(17.0.15%3B%20Linux%3B%20amd64)");

        assertThat(username.hubHostName()).isEqualTo("hub.example.com");
        assertThat(username.deviceId()).isEqualTo("dev-1");
        assertThat(username.apiVersion()).isEqualTo("2020-09-30");
        assertThat(username.isOfficialJavaSdk()).isTrue();
    }

    @Test
    void node_and_nanoframework_usernames_are_not_the_java_sdk_and_keep_the_model_id() {
        HubUsername node = HubUsername.parse("hub.example.com/dev-1/?api-version=2021-04-12&DeviceClientType="
                + "azure-iot-device%2F1.18.4%20(node%20v20.20.2%3B%20Linux)&model-id=dtmi%3Acom%3Aexample%3AThermostat%3B1");
        HubUsername nano = HubUsername.parse("hub.example.com/dev-2/?api-version=2021-04-12&DeviceClientType=nano%3Bazrsdk");

        assertThat(node.isOfficialJavaSdk()).isFalse();
        assertThat(node.modelId()).isEqualTo("dtmi:com:example:Thermostat;1");
        assertThat(nano.isOfficialJavaSdk()).isFalse();
        assertThat(HubUsername.parse(HubUsername.format("hub.example.com", "dev-3", null)).isOfficialJavaSdk()).isFalse();
    }
}
