package dev.berth.it.device;

import static dev.berth.it.device.SdkTransportProvisioningTest.TIMEOUT;
import static dev.berth.it.device.SdkTransportProvisioningTest.client;
import static dev.berth.it.device.SdkTransportProvisioningTest.name;
import static dev.berth.it.device.SdkTransportProvisioningTest.newKey;
import static dev.berth.it.device.SdkTransportProvisioningTest.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.provisioning.ProxySettings;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.it.BerthTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Berth SDK registering through an HTTP CONNECT proxy, on every transport. HTTPS with proxy credentials
 * relies on the surefire argLine clearing {@code jdk.http.auth.tunneling.disabledSchemes} (see the pom).
 */
class SdkProxyProvisioningTest {

    private static final String USER = "device-proxy-user";
    private static final String PASSWORD = "pr0xy p@ss: wörd";

    @TempDir
    static Path dataDir;
    static BerthTestServer berth;

    @BeforeAll
    static void startServer() {
        berth = BerthTestServer.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        if (berth != null) {
            berth.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void device_is_assigned_through_a_proxy(ProvisioningTransport transport) throws Exception {
        String regId = "proxy-" + name(transport) + "-open";
        String key = newKey();
        berth.enroll(regId, key, newKey());
        try (HttpConnectProxy proxy = new HttpConnectProxy(null)) {
            DeviceRegistrationResult result = client(berth, transport, regId, SymmetricKeyCredential.of(key))
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port())).build().register(TIMEOUT);

            assertThat(result.isAssigned()).as(String.valueOf(result)).isTrue();
            assertThat(result.deviceId()).isEqualTo(regId);
            assertThat(proxy.connects()).isNotEmpty().allSatisfy(connect -> {
                assertThat(connect.target()).isEqualTo("localhost:" + port(berth, transport));
                assertThat(connect.proxyAuthorization()).isNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void proxy_credentials_are_sent_with_the_connect(ProvisioningTransport transport) throws Exception {
        String regId = "proxy-" + name(transport) + "-auth";
        String key = newKey();
        berth.enroll(regId, key, newKey());
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (HttpConnectProxy proxy = new HttpConnectProxy(expected)) {
            DeviceRegistrationResult result = client(berth, transport, regId, SymmetricKeyCredential.of(key))
                    .proxy(ProxySettings.of("localhost", proxy.port()).withCredentials(USER, PASSWORD))
                    .build().register(TIMEOUT);

            assertThat(result.isAssigned()).as(String.valueOf(result)).isTrue();
            assertThat(proxy.connects()).isNotEmpty()
                    .anySatisfy(connect -> assertThat(connect.allowed()).isTrue())
                    .allSatisfy(connect -> assertThat(connect.proxyAuthorization()).isEqualTo(expected));
        }
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void wrong_device_key_through_an_authenticating_proxy_is_still_a_failed_result(ProvisioningTransport transport)
            throws Exception {
        String regId = "proxy-" + name(transport) + "-wrong-key";
        berth.enroll(regId, newKey(), newKey());
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try (HttpConnectProxy proxy = new HttpConnectProxy(expected)) {
            DeviceRegistrationResult result = client(berth, transport, regId, SymmetricKeyCredential.of(newKey()))
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port()).withCredentials(USER, PASSWORD))
                    .build().register(TIMEOUT);

            assertThat(result.errorCode()).as(String.valueOf(result)).isEqualTo(401005);
            assertThat(proxy.connects()).isNotEmpty().allSatisfy(connect -> assertThat(connect.allowed()).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void proxy_that_wants_credentials_refuses_the_connection_with_a_clear_message(ProvisioningTransport transport)
            throws Exception {
        try (HttpConnectProxy proxy = new HttpConnectProxy("Basic c29tZW9uZTplbHNl")) {
            var client = client(berth, transport, "proxy-" + name(transport) + "-refused", SymmetricKeyCredential.of(newKey()))
                    .proxy(ProxySettings.of("127.0.0.1", proxy.port())).build();

            assertThatThrownBy(() -> client.register(TIMEOUT))
                    .isInstanceOf(ProvisioningClientException.class)
                    .hasMessageContaining("proxy 127.0.0.1:" + proxy.port())
                    .hasMessageContaining("407")
                    .extracting(e -> ((ProvisioningClientException) e).reason())
                    .isEqualTo(ProvisioningClientException.Reason.CONNECTION_REFUSED);
            assertThat(proxy.connects()).isNotEmpty().noneSatisfy(connect -> assertThat(connect.allowed()).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void proxy_that_is_not_listening_is_a_connection_failure_naming_it(ProvisioningTransport transport) throws Exception {
        int closedPort;
        try (HttpConnectProxy proxy = new HttpConnectProxy(null)) {
            closedPort = proxy.port();
        }
        var client = client(berth, transport, "proxy-" + name(transport) + "-closed", SymmetricKeyCredential.of(newKey()))
                .proxy(ProxySettings.of("127.0.0.1", closedPort)).build();

        assertThatThrownBy(() -> client.register(TIMEOUT))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("through HTTP proxy 127.0.0.1:" + closedPort)
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.CONNECTION_FAILED);
    }
}
