package dev.berth.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.sdk.iot.provisioning.device.AdditionalData;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import dev.berth.it.AllocationWebhook;
import dev.berth.it.BerthTestServer;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.protocol.service.IndividualEnrollment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Azure IoT Java provisioning SDK, unchanged, registering through a custom allocation webhook: it
 * sends its payload as a JSON string, and reads the webhook's payload back with {@code getProvisioningPayload()}.
 * Its MQTT transport dials 8883 whatever the host says, so this server binds 8883 (tests run one class at a time).
 * Several devices run at once, as in {@link OfficialJavaProvisioningSdkTest}, so one lucky timing cannot pass it.
 */
class OfficialJavaSdkCustomAllocationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEVICES = 3;

    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static AllocationWebhook webhook;

    @BeforeAll
    static void start() {
        webhook = new AllocationWebhook().answering(request -> "{\"iotHubHostName\":\"" + BerthTestServer.HUB + "\","
                + "\"payload\":{\"assignedBy\":\"webhook\",\"model\":\""
                + request.path("deviceRuntimeContext").path("payload").path("modelId").asText() + "\"}}");
        berth = BerthTestServer.start(dir, builder -> builder.mqttPort(8883));
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        webhook.close();
    }

    @Test
    void official_sdk_device_gets_the_webhook_payload() throws Exception {
        List<Callable<ProvisioningDeviceClientRegistrationResult>> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String regId = "official-custom-" + i;
            berth.enroll(new IndividualEnrollment(regId, null, null, null,
                    AttestationMechanism.symmetricKey(OfficialJavaProvisioningSdkTest.KEY, null), null, null, null, null, "enabled", null,
                    null, null, "custom", List.of(BerthTestServer.HUB, BerthTestServer.HUB_2),
                    new CustomAllocationDefinition(webhook.url(), "2021-10-01")));
            devices.add(() -> register(regId));
        }

        ExecutorService pool = Executors.newFixedThreadPool(DEVICES);
        try {
            for (Future<ProvisioningDeviceClientRegistrationResult> f : pool.invokeAll(devices)) {
                ProvisioningDeviceClientRegistrationResult result = f.get();
                assertThat(result.getProvisioningDeviceClientStatus())
                        .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
                assertThat(result.getIothubUri()).isEqualTo(BerthTestServer.HUB);
                JsonNode payload = JSON.readTree(result.getProvisioningPayload());
                assertThat(payload).isEqualTo(JSON.readTree("{\"assignedBy\":\"webhook\",\"model\":\"dtmi:berth:custom;1\"}"));
                JsonNode context = webhook.requestOf(result.getRegistrationId()).path("deviceRuntimeContext");
                assertThat(context.path("payload").path("modelId").asText()).isEqualTo("dtmi:berth:custom;1");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ProvisioningDeviceClientRegistrationResult register(String registrationId) throws Exception {
        var security = new OfficialJavaProvisioningSdkTest.TrustingKeyProvider(OfficialJavaProvisioningSdkTest.KEY, registrationId,
                berth.deviceSslContext());
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost", berth.idScope(),
                ProvisioningDeviceClientTransportProtocol.MQTT, security);
        try {
            AdditionalData data = new AdditionalData();
            data.setProvisioningPayload("{\"modelId\":\"dtmi:berth:custom;1\"}");
            return client.registerDeviceSync(data);
        } finally {
            client.close();
        }
    }
}
