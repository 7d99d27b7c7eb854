package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.protocol.service.EnrollmentGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A custom-allocation webhook that stops answering must not stall the rest of the server: registrations run on
 * their own worker pool, so while every registration worker waits for the webhook, other devices still get their
 * CONNECT answered at once, and the stuck registrations finish when the webhook comes back.
 */
class SlowWebhookIsolationTest {
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";
    /** More than Vert.x's shared worker pool (20): without a pool of their own they would block CONNECTs too. */
    static final int STUCK_DEVICES = 24;

    @TempDir
    Path dir;

    @Test
    void connects_are_answered_while_every_registration_waits_for_a_stalled_webhook() throws Exception {
        CountDownLatch webhookBack = new CountDownLatch(1);
        try (AllocationWebhook webhook = new AllocationWebhook();
             BerthTestServer berth = BerthTestServer.start(dir, b -> b.registrationWorkers(4).customAllocationTimeout(Duration.ofSeconds(30)))) {
            List<CompletableFuture<DeviceRegistrationResult>> stuck = new ArrayList<>();
            try {
                webhook.answering(request -> {
                    try {
                        webhookBack.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "{\"iotHubHostName\":\"" + BerthTestServer.HUB + "\"}";
                });
                berth.store().putGroup(new EnrollmentGroup("slow-webhook-group", AttestationMechanism.symmetricKey(GROUP_KEY, null), null,
                        null, null, null, "enabled", null, null, null, "custom", null,
                        new CustomAllocationDefinition(webhook.url(), "2021-10-01")), null);
                berth.enroll("bystander", SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, "bystander"), null);

                for (int i = 0; i < STUCK_DEVICES; i++) {
                    String regId = "stuck-" + i;
                    stuck.add(ProvisioningDeviceClient.builder().host("localhost").port(berth.mqttPort()).idScope(berth.idScope())
                            .registrationId(regId).credential(SymmetricKeyCredential.forGroupDevice(GROUP_KEY, regId))
                            .trustedCa(TrustedCa.fromPemFile(berth.server().caCertificate())).operationTimeout(Duration.ofSeconds(60))
                            .build().registerAsync(Duration.ofSeconds(90)));
                }
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !webhook.requests().isEmpty());
                Thread.sleep(1000); // let every device's register request reach the server and queue for a worker

                try (RawDpsDevice bystander = new RawDpsDevice(berth.mqttPort(), berth.trustManagerFactory(), "bystander")) {
                    String key = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, "bystander");
                    String token = SharedAccessSignatures.createToken(key, berth.idScope() + "/registrations/bystander",
                            Instant.now().plusSeconds(600).getEpochSecond(), "registration");
                    var ack = CompletableFuture.supplyAsync(() -> bystander.connect(DpsUsername.format(berth.idScope(), "bystander", "test"),
                            token, true)).get(3, TimeUnit.SECONDS);
                    assertThat(ack.getReturnCode().isError()).isFalse();
                }
            } finally {
                webhookBack.countDown();
            }
            for (CompletableFuture<DeviceRegistrationResult> registration : stuck) {
                assertThat(registration.get(90, TimeUnit.SECONDS).isAssigned()).isTrue();
            }
        }
    }
}
