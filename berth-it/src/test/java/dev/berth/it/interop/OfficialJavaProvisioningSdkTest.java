package dev.berth.it.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.provisioning.device.AdditionalData;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.internal.exceptions.ProvisioningDeviceClientException;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import dev.berth.it.BerthTestServer;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Azure IoT Java provisioning SDK (provisioning-device-client 2.x), unchanged, against Berth with
 * symmetric keys over MQTT, MQTT over WebSocket and HTTPS. Its MQTT transport dials 8883 and its WebSocket
 * transport {@code wss://host:443/mqtt} whatever the host says, so this server binds 8883 and 443 (as root, as CI
 * runs; tests run one class at a time). Each scenario runs several devices at once: the SDK loses answers that
 * come too fast, and a test that passes nine times in ten is a failing test.
 */
class OfficialJavaProvisioningSdkTest {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";
    static final int DEVICES_PER_SCENARIO = 6;

    @TempDir
    static Path dir;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir, builder -> builder.mqttPort(8883).httpsPort(443));
        berth.enrollGroup("official-https-group", GROUP_KEY, null, "enabled");
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    /** The SDK's own symmetric-key provider, trusting Berth's CA instead of the JDK's store. */
    static final class TrustingKeyProvider extends SecurityProviderSymmetricKey {
        private final SSLContext sslContext;

        TrustingKeyProvider(String key, String registrationId, SSLContext sslContext) {
            super(key, key, registrationId);
            this.sslContext = sslContext;
        }

        @Override
        public SSLContext getSSLContext() {
            return sslContext;
        }
    }

    enum Transport {
        MQTT(ProvisioningDeviceClientTransportProtocol.MQTT),
        MQTT_WS(ProvisioningDeviceClientTransportProtocol.MQTT_WS),
        HTTPS(ProvisioningDeviceClientTransportProtocol.HTTPS);

        final ProvisioningDeviceClientTransportProtocol protocol;

        Transport(ProvisioningDeviceClientTransportProtocol protocol) {
            this.protocol = protocol;
        }
    }

    private static ProvisioningDeviceClientRegistrationResult register(Transport transport, String registrationId, String key,
            String payload) throws Exception {
        var security = new TrustingKeyProvider(key, registrationId, berth.deviceSslContext());
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost", berth.idScope(), transport.protocol, security);
        try {
            if (payload == null) {
                return client.registerDeviceSync();
            }
            AdditionalData data = new AdditionalData();
            data.setProvisioningPayload(payload);
            return client.registerDeviceSync(data);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void individual_enrollment_devices_are_assigned(Transport transport) throws Exception {
        List<Callable<ProvisioningDeviceClientRegistrationResult>> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES_PER_SCENARIO; i++) {
            String regId = "official-" + transport.name().toLowerCase().replace('_', '-') + "-individual-" + i;
            String payload = i % 2 == 0 ? null : "{\"modelId\":\"dtmi:berth:test;1\"}";
            berth.enroll(regId, KEY, null);
            devices.add(() -> register(transport, regId, KEY, payload));
        }
        for (ProvisioningDeviceClientRegistrationResult result : runConcurrently(devices)) {
            assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
            assertThat(result.getIothubUri()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
            assertThat(result.getDeviceId()).isEqualTo(result.getRegistrationId());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void group_enrollment_devices_with_derived_keys_are_assigned(Transport transport) throws Exception {
        List<Callable<ProvisioningDeviceClientRegistrationResult>> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES_PER_SCENARIO; i++) {
            String regId = "official-" + transport.name().toLowerCase().replace('_', '-') + "-group-" + i;
            devices.add(() -> register(transport, regId, SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId), null));
        }
        for (ProvisioningDeviceClientRegistrationResult result : runConcurrently(devices)) {
            assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
            assertThat(result.getIothubUri()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
            assertThat(result.getStatus()).isEqualTo("assigned");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sequential_registrations_of_one_device_never_stall(Transport transport) throws Exception {
        String regId = "official-" + transport.name().toLowerCase().replace('_', '-') + "-repeat";
        berth.enroll(regId, KEY, null);
        for (int i = 0; i < 4; i++) {
            assertThat(register(transport, regId, KEY, null).getProvisioningDeviceClientStatus())
                    .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void wrong_key_surfaces_berths_error_code_and_message(Transport transport) {
        String regId = "official-" + transport.name().toLowerCase().replace('_', '-') + "-wrong-key";
        berth.enroll(regId, KEY, null);
        String wrongKey = SharedAccessSignatures.deriveDeviceKey(KEY, "not-the-key");
        assertThatThrownBy(() -> register(transport, regId, wrongKey, null))
                .isInstanceOf(ProvisioningDeviceClientException.class)
                .rootCause().hasMessageContaining("401005")
                .hasMessageContaining("does not match the primary or secondary key of individual enrollment '" + regId + "'")
                .hasMessageContaining(transport == Transport.HTTPS ? "trackingId" : "TrackingId");
    }

    private static List<ProvisioningDeviceClientRegistrationResult> runConcurrently(
            List<Callable<ProvisioningDeviceClientRegistrationResult>> devices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            List<ProvisioningDeviceClientRegistrationResult> results = new ArrayList<>();
            for (Future<ProvisioningDeviceClientRegistrationResult> f : pool.invokeAll(devices)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
