package dev.berth.device.provisioning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.device.provisioning.internal.HttpsProvisioningExchange;
import dev.berth.device.provisioning.internal.MqttProvisioningExchange;
import dev.berth.device.provisioning.internal.ProvisioningSettings;
import dev.berth.device.provisioning.internal.RegistrationFlow;
import dev.berth.device.provisioning.internal.RegistrationPayload;
import dev.berth.device.provisioning.internal.SystemTicker;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.device.security.X509Credential;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Registers one device with a DPS-compatible provisioning service (Berth or Azure DPS) and tells it which
 * hub to use:
 *
 * <pre>{@code
 * var client = ProvisioningDeviceClient.create(host, idScope, registrationId,
 *         SymmetricKeyCredential.of(deviceKey), TrustedCa.fromPemFile(Path.of("ca.pem")));
 * DeviceRegistrationResult result = client.register(Duration.ofSeconds(60));
 * if (result.isAssigned()) { connect to result.assignedHub() as result.deviceId() }
 * else { log result.errorCode() and result.errorMessage() }
 * }</pre>
 *
 * Each {@code register} call opens its own connection and always closes it before returning, so a client
 * may be kept and reused (for example to re-register after a failure) and holds nothing open in between.
 * Refusals the service reports come back as a result; transport failures throw
 * {@link ProvisioningClientException}.
 */
public final class ProvisioningDeviceClient {

    private final ProvisioningSettings settings;

    ProvisioningDeviceClient(ProvisioningSettings settings) {
        this.settings = settings;
    }

    /**
     * A client for the reference-sample inputs: MQTT on port 8883.
     *
     * @throws IllegalArgumentException if an argument is missing or malformed
     */
    public static ProvisioningDeviceClient create(String host, String idScope, String registrationId,
                                                  SymmetricKeyCredential key, TrustedCa trustedCa) {
        return create(host, idScope, registrationId, (DeviceCredential) key, trustedCa);
    }

    /**
     * A client that proves itself with a device certificate in the TLS handshake (no SAS token). The
     * certificate's CN must be the registration ID.
     */
    public static ProvisioningDeviceClient create(String host, String idScope, String registrationId,
                                                  X509Credential certificate, TrustedCa trustedCa) {
        return create(host, idScope, registrationId, (DeviceCredential) certificate, trustedCa);
    }

    private static ProvisioningDeviceClient create(String host, String idScope, String registrationId,
                                                   DeviceCredential credential, TrustedCa trustedCa) {
        if (credential == null || trustedCa == null) {
            throw new IllegalArgumentException(credential == null ? "the device credential is missing" : "the trusted CA is missing;"
                    + " use TrustedCa.systemDefault() for Azure");
        }
        return builder().host(host).idScope(idScope).registrationId(registrationId)
                .credential(credential).trustedCa(trustedCa).build();
    }

    public static ProvisioningDeviceClientBuilder builder() {
        return new ProvisioningDeviceClientBuilder();
    }

    /**
     * Registers the device and waits until the service reaches a final answer or {@code timeout} passes.
     *
     * @return the final answer; check {@link DeviceRegistrationResult#isAssigned()}
     * @throws ProvisioningClientException when no final answer could be obtained (see its {@code reason()})
     */
    public DeviceRegistrationResult register(Duration timeout) {
        return register(null, timeout);
    }

    /**
     * Registers the device, sending {@code additionalJsonPayload} (a JSON object, e.g.
     * {@code {"modelId":"dtmi:com:example:Thermostat;1"}}) to the service, e.g. for a custom allocation webhook.
     *
     * @param additionalJsonPayload a JSON object as text, or null for none
     * @throws IllegalArgumentException    if the payload is not a JSON object or the timeout is not positive;
     *                                     nothing is sent then
     * @throws ProvisioningClientException when no final answer could be obtained (see its {@code reason()})
     */
    public DeviceRegistrationResult register(String additionalJsonPayload, Duration timeout) {
        ObjectNode payload = RegistrationPayload.parse(additionalJsonPayload);
        Duration overall = ProvisioningDeviceClientBuilder.positive(timeout, "timeout");
        return newFlow().run(payload, overall);
    }

    /** {@link #register(Duration)} on a thread of its own; the future fails with {@link ProvisioningClientException}. */
    public CompletableFuture<DeviceRegistrationResult> registerAsync(Duration timeout) {
        return registerAsync(null, timeout);
    }

    /**
     * {@link #register(String, Duration)} on a thread of its own. Bad arguments throw at once; transport
     * failures complete the future exceptionally with {@link ProvisioningClientException}. Cancelling the
     * future does not stop the attempt early; it still ends, and disconnects, within {@code timeout}.
     */
    public CompletableFuture<DeviceRegistrationResult> registerAsync(String additionalJsonPayload, Duration timeout) {
        ObjectNode payload = RegistrationPayload.parse(additionalJsonPayload);
        Duration overall = ProvisioningDeviceClientBuilder.positive(timeout, "timeout");
        // registration blocks on network waits, so it gets its own thread instead of a shared pool's
        return CompletableFuture.supplyAsync(() -> newFlow().run(payload, overall), task -> {
            Thread thread = new Thread(task, "berth-provisioning-" + settings.registrationId());
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The registration ID this client registers. */
    public String registrationId() {
        return settings.registrationId();
    }

    private RegistrationFlow newFlow() {
        return switch (settings.transport()) {
            case MQTT, MQTT_WS -> new RegistrationFlow(settings, new MqttProvisioningExchange(settings), SystemTicker.INSTANCE);
            case HTTPS -> new RegistrationFlow(settings, new HttpsProvisioningExchange(settings), SystemTicker.INSTANCE);
        };
    }
}
