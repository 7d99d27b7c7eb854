package dev.berth.protocol.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceConnectionStringTest {
    @Test
    void parses_parts_in_any_order_and_case() {
        var cs = ServiceConnectionString.parse("sharedaccesskey=abc=;HostName=localhost:8443;SharedAccessKeyName=provisioningserviceowner");
        assertThat(cs.hostName()).isEqualTo("localhost:8443");
        assertThat(cs.keyName()).isEqualTo("provisioningserviceowner");
        assertThat(cs.key()).isEqualTo("abc=");
        assertThat(ServiceConnectionString.parse(cs.toString())).isEqualTo(cs);
    }

    @Test
    void incomplete_strings_are_refused() {
        assertThatThrownBy(() -> ServiceConnectionString.parse("HostName=x")).hasMessageContaining("needs HostName");
        assertThatThrownBy(() -> ServiceConnectionString.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ServiceConnectionString.parse("HostName")).hasMessageContaining("name=value");
    }

    @Test
    void host_without_port_drops_only_the_port() {
        assertThat(withHost("myhub.azure-devices.net").hostWithoutPort()).isEqualTo("myhub.azure-devices.net");
        assertThat(withHost("localhost:8443").hostWithoutPort()).isEqualTo("localhost");
        assertThat(withHost("127.0.0.1:443").hostWithoutPort()).isEqualTo("127.0.0.1");
        assertThat(withHost("[::1]:8443").hostWithoutPort()).isEqualTo("[::1]");
        assertThat(withHost("[fe80::1]").hostWithoutPort()).isEqualTo("[fe80::1]");
        assertThat(withHost("::1").hostWithoutPort()).isEqualTo("::1");
    }

    private static ServiceConnectionString withHost(String host) {
        return ServiceConnectionString.parse("HostName=" + host + ";SharedAccessKeyName=iothubowner;SharedAccessKey=abc=");
    }
}
