package dev.berth.it.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningDeviceClientBuilder;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.it.BerthTestServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Berth SDK against a real Berth server over every transport: MQTT, MQTT over WebSocket, HTTPS. */
class SdkTransportProvisioningTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

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
    void individual_key_device_is_assigned_to_linked_hub(ProvisioningTransport transport) {
        String regId = "e2e-" + name(transport) + "-individual";
        String key = newKey();
        berth.enroll(regId, key, newKey());

        DeviceRegistrationResult result = client(berth, transport, regId, SymmetricKeyCredential.of(key)).build()
                .register("{\"modelId\":\"dtmi:berth:test;1\"}", TIMEOUT);

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.assignedHub()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(result.deviceId()).isEqualTo(regId);
        assertThat(result.registrationId()).isEqualTo(regId);
        assertThat(result.operationId()).isNotBlank();
        assertThat(result.createdDateTimeUtc()).isNotNull();
        assertThat(result.errorCode()).isNull();
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void group_key_device_is_assigned_to_linked_hub(ProvisioningTransport transport) throws Exception {
        String groupKey = newKey();
        String groupId = "e2e-" + name(transport) + "-group";
        berth.enrollGroup(groupId, groupKey, newKey(), "enabled");
        String regId = groupId + "-device-07";

        DeviceRegistrationResult result = client(berth, transport, regId,
                SymmetricKeyCredential.forGroupDevice(groupKey, regId)).build().registerAsync(TIMEOUT).get();

        assertThat(result.isAssigned()).as(String.valueOf(result)).isTrue();
        assertThat(result.assignedHub()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(result.deviceId()).isEqualTo(regId);
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void wrong_key_is_a_failed_result_with_signature_mismatch(ProvisioningTransport transport) {
        String regId = "e2e-" + name(transport) + "-wrong-key";
        berth.enroll(regId, newKey(), newKey());

        DeviceRegistrationResult result = client(berth, transport, regId, SymmetricKeyCredential.of(newKey())).build()
                .register(TIMEOUT);

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).as(String.valueOf(result)).isEqualTo(401005);
        assertThat(result.errorMessage()).isNotBlank();
        assertThat(result.trackingId()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void unknown_registration_id_is_a_failed_result(ProvisioningTransport transport) {
        DeviceRegistrationResult result = client(berth, transport, "e2e-" + name(transport) + "-nobody",
                SymmetricKeyCredential.of(newKey())).build().register(TIMEOUT);

        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode() / 1000).as(String.valueOf(result)).isIn(401, 404);
        assertThat(result.errorMessage()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void server_not_trusted_by_the_given_ca_is_a_tls_failure(ProvisioningTransport transport) {
        ProvisioningDeviceClient client = client(berth, transport, "e2e-tls", SymmetricKeyCredential.of(newKey()))
                .trustedCa(TrustedCa.systemDefault()).build();

        assertThatThrownBy(() -> client.register(TIMEOUT))
                .isInstanceOf(ProvisioningClientException.class)
                .hasMessageContaining("TLS: server certificate of localhost:" + port(berth, transport)
                        + " not trusted by the JDK default trust store")
                .extracting(e -> ((ProvisioningClientException) e).reason())
                .isEqualTo(ProvisioningClientException.Reason.TLS_FAILED);
    }

    /** A builder for {@code transport} on the server's matching port, trusting the server's CA. */
    static ProvisioningDeviceClientBuilder client(BerthTestServer berth, ProvisioningTransport transport, String regId,
                                                  dev.berth.device.security.DeviceCredential credential) {
        return ProvisioningDeviceClient.builder().host("localhost").port(port(berth, transport)).transport(transport)
                .idScope(berth.idScope()).registrationId(regId).credential(credential)
                .trustedCa(TrustedCa.fromPemFile(berth.server().caCertificate()));
    }

    static int port(BerthTestServer berth, ProvisioningTransport transport) {
        return transport == ProvisioningTransport.MQTT ? berth.mqttPort() : berth.server().httpsPort();
    }

    static String name(ProvisioningTransport transport) {
        return transport.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
