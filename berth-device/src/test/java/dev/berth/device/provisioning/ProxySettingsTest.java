package dev.berth.device.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void proxy_without_credentials_has_host_and_port_only() {
        ProxySettings proxy = ProxySettings.of(" proxy.example.com ", 3128);

        assertThat(proxy.host()).isEqualTo("proxy.example.com");
        assertThat(proxy.port()).isEqualTo(3128);
        assertThat(proxy.hasCredentials()).isFalse();
        assertThat(proxy.address()).isEqualTo("proxy.example.com:3128");
    }

    @Test
    void credentials_are_kept_but_the_password_never_shows() {
        ProxySettings proxy = ProxySettings.of("10.0.0.1", 8080).withCredentials("device-07", "s3cret!");

        assertThat(proxy.hasCredentials()).isTrue();
        assertThat(proxy.username()).isEqualTo("device-07");
        assertThat(proxy.password()).isEqualTo("s3cret!");
        assertThat(proxy.toString()).contains("10.0.0.1:8080", "device-07").doesNotContain("s3cret");
    }

    @Test
    void ipv6_proxy_address_is_bracketed() {
        assertThat(ProxySettings.of("::1", 3128).address()).isEqualTo("[::1]:3128");
    }

    @Test
    void malformed_host_or_port_is_refused_with_the_setting_named() {
        assertThatThrownBy(() -> ProxySettings.of(null, 3128)).hasMessageContaining("proxy host");
        assertThatThrownBy(() -> ProxySettings.of(" ", 3128)).hasMessageContaining("proxy host");
        assertThatThrownBy(() -> ProxySettings.of("http://proxy.example.com", 3128)).hasMessageContaining("without scheme");
        assertThatThrownBy(() -> ProxySettings.of("proxy.example.com:3128", 3128)).hasMessageContaining("without scheme or port");
        assertThatThrownBy(() -> ProxySettings.of("proxy\r\n.example.com", 3128)).hasMessageContaining("proxy host");
        assertThatThrownBy(() -> ProxySettings.of("proxy.example.com", 0)).hasMessageContaining("proxy port must be 1 to 65535");
        assertThatThrownBy(() -> ProxySettings.of("proxy.example.com", 65536)).hasMessageContaining("proxy port must be 1 to 65535");
    }

    @Test
    void credentials_must_be_complete_and_fit_basic_authentication() {
        ProxySettings proxy = ProxySettings.of("proxy.example.com", 3128);

        assertThatThrownBy(() -> new ProxySettings("proxy.example.com", 3128, "user", null))
                .hasMessageContaining("both a user name and a password");
        assertThatThrownBy(() -> proxy.withCredentials(null, "pw")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> proxy.withCredentials("", "pw")).hasMessageContaining("user name must be non-empty");
        assertThatThrownBy(() -> proxy.withCredentials("dom:user", "pw")).hasMessageContaining("without ':'");
        assertThatThrownBy(() -> proxy.withCredentials("user", "pw\r\nInjected: header")).hasMessageContaining("control characters");
        assertThatThrownBy(() -> proxy.withCredentials("us\ter", "pw")).hasMessageContaining("control characters");
        assertThat(proxy.withCredentials("dev-07", "p@ss: wörd!").password()).isEqualTo("p@ss: wörd!");
        assertThat(proxy.withCredentials("user", "").password()).isEmpty();
    }
}
