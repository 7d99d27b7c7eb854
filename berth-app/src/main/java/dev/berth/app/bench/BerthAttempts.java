package dev.berth.app.bench;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One device's registration with the Berth SDK, the real network path: TLS connect, MQTT CONNECT, subscribe, register,
 * 202, wait retry-after, poll, 200 assigned, disconnect (or the HTTPS equivalent). The device clock starts before
 * the client is built, so TLS set-up is included.
 */
final class BerthAttempts {
    private final BenchTarget target;
    private final List<BenchEnrollment.BenchDevice> devices;
    private final FirstAnswerClock firstAnswers;
    private final Duration timeout;

    BerthAttempts(BenchTarget target, List<BenchEnrollment.BenchDevice> devices, FirstAnswerClock firstAnswers, Duration timeout) {
        this.target = target;
        this.devices = devices;
        this.firstAnswers = firstAnswers;
        this.timeout = timeout;
    }

    CompletableFuture<Sample> start(int index) {
        BenchEnrollment.BenchDevice device = devices.get(index);
        long started = System.nanoTime();
        try {
            ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host(target.host()).port(target.port())
                    .idScope(target.idScope()).registrationId(device.registrationId()).credential(device.credential())
                    .trustedCa(target.trustedCa()).transport(target.transport()).operationTimeout(timeout).build();
            return client.registerAsync(timeout).handle((result, failure) -> sample(device, started, result, failure));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Sample.failed(System.nanoTime() - started, -1, e.getClass().getSimpleName()));
        }
    }

    private Sample sample(BenchEnrollment.BenchDevice device, long started, DeviceRegistrationResult result, Throwable failure) {
        long total = System.nanoTime() - started;
        long firstAnswer = firstAnswers.since(device.registrationId(), started);
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return Sample.failed(total, firstAnswer, cause instanceof ProvisioningClientException e
                    ? "client: " + e.reason() : "client: " + cause.getClass().getSimpleName());
        }
        if (result.isAssigned()) {
            return Sample.succeeded(total, firstAnswer);
        }
        return Sample.failed(total, firstAnswer, result.errorCode() != null ? result.errorCode().toString()
                : "status " + result.status());
    }
}
