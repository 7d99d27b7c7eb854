package dev.berth.it.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.it.AllocationWebhook;
import dev.berth.it.BerthTestServer;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.protocol.service.IndividualEnrollment;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Custom allocation end to end: the Berth SDK registers with a payload, a webhook in the test chooses the hub. */
class SdkCustomAllocationTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static AllocationWebhook webhook;

    @BeforeAll
    static void start() {
        webhook = new AllocationWebhook();
        berth = BerthTestServer.start(dir, builder -> builder.customAllocationTimeout(Duration.ofSeconds(3)));
    }

    @AfterAll
    static void stop() {
        if (berth != null) {
            berth.close();
        }
        webhook.close();
    }

    @Test
    void webhook_gets_the_device_payload_without_keys_and_its_hub_and_payload_reach_the_device() throws Exception {
        String key = newKey();
        berth.enroll(custom("custom-sdk-01", key, webhook.url()));
        webhook.answering(request -> "{\"iotHubHostName\":\"" + BerthTestServer.HUB_2 + "\",\"payload\":{\"config\":{\"rate\":5},"
                + "\"echo\":\"" + request.path("deviceRuntimeContext").path("payload").path("modelId").asText() + "\"}}");

        DeviceRegistrationResult result = client("custom-sdk-01", key).register("{\"modelId\":\"x\"}", TIMEOUT);

        JsonNode request = webhook.requestOf("custom-sdk-01");
        assertThat(request.path("deviceRuntimeContext").path("payload").path("modelId").asText()).isEqualTo("x");
        assertThat(request.path("deviceRuntimeContext").path("symmetricKey").isObject()).isTrue();
        assertThat(request.path("individualEnrollment").path("attestation").path("type").asText()).isEqualTo("symmetricKey");
        assertThat(request.path("linkedHubs")).extracting(JsonNode::asText).containsExactly(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(request.toString()).doesNotContain(key).doesNotContain("primaryKey").doesNotContain("secondaryKey");
        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.assignedHub()).isEqualTo(BerthTestServer.HUB_2);
        assertThat(JSON.readTree(result.payload())).isEqualTo(JSON.readTree("{\"config\":{\"rate\":5},\"echo\":\"x\"}"));
        assertThat(berth.store().findRegistration("custom-sdk-01").orElseThrow().payloadJson()).contains("\"rate\":5");
    }

    @Test
    void webhook_choosing_an_unlinked_hub_fails_the_registration_and_says_why() {
        String key = newKey();
        berth.enroll(custom("custom-sdk-02", key, webhook.url()));
        webhook.answering(request -> "{\"iotHubHostName\":\"rogue.example.com\"}");

        DeviceRegistrationResult result = client("custom-sdk-02", key).register(TIMEOUT);

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode() / 1000).isEqualTo(400);
        assertThat(result.errorMessage()).contains("rogue.example.com", "not one of the hubs", BerthTestServer.HUB);
        assertThat(result.payload()).isNull();
    }

    @Test
    void webhook_that_is_down_fails_the_registration_with_a_500_family_error() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String key = newKey();
        berth.enroll(custom("custom-sdk-03", key, "http://127.0.0.1:" + closedPort + "/api/allocate?code=function-key"));

        DeviceRegistrationResult result = client("custom-sdk-03", key).register(TIMEOUT);

        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode() / 1000).isEqualTo(500);
        assertThat(result.errorMessage()).contains("custom allocation webhook", "could not be reached").doesNotContain("function-key");
    }

    static IndividualEnrollment custom(String registrationId, String key, String webhookUrl) {
        return new IndividualEnrollment(registrationId, null, null, null, AttestationMechanism.symmetricKey(key, newKey()),
                null, null, null, null, "enabled", null, null, null, "custom", List.of(BerthTestServer.HUB, BerthTestServer.HUB_2),
                new CustomAllocationDefinition(webhookUrl, "2021-10-01"));
    }

    private static ProvisioningDeviceClient client(String registrationId, String key) {
        return ProvisioningDeviceClient.builder().host("localhost").port(berth.mqttPort()).idScope(berth.idScope())
                .registrationId(registrationId).credential(SymmetricKeyCredential.of(key))
                .trustedCa(TrustedCa.fromPemFile(berth.server().caCertificate())).build();
    }

    private static String newKey() {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
