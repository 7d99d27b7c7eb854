package dev.berth.app;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.TrustedCa;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Provisions the demo's devices with the Berth device SDK, all at once, and times each one. */
final class DemoDevices {
    static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(30);

    /** One device to provision: its registration ID, its enrollment, "key" or "x509", and its (derived) key or certificate. */
    record Device(String registrationId, String enrollment, String attestation, DeviceCredential credential) {
    }

    /** What happened to one device; status is the DPS status, or "error" when no answer came. */
    record Outcome(Device device, String status, String assignedHub, String deviceId, long millis, String problem) {
        boolean assigned() {
            return "assigned".equals(status);
        }
    }

    private final String host;
    private final int port;
    private final String idScope;
    private final TrustedCa trustedCa;

    DemoDevices(String host, int port, String idScope, TrustedCa trustedCa) {
        this.host = host;
        this.port = port;
        this.idScope = idScope;
        this.trustedCa = trustedCa;
    }

    List<Outcome> provisionAll(List<Device> devices) {
        List<CompletableFuture<Outcome>> running = new ArrayList<>();
        for (Device device : devices) {
            running.add(provision(device));
        }
        return running.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Outcome> provision(Device device) {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.builder().host(host).port(port).idScope(idScope)
                .registrationId(device.registrationId()).credential(device.credential()).trustedCa(trustedCa).build();
        long started = System.nanoTime();
        return client.registerAsync(REGISTER_TIMEOUT).handle((result, failure) -> {
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                return new Outcome(device, "error", null, null, millis, cause.getMessage());
            }
            return outcome(device, result, millis);
        });
    }

    private static Outcome outcome(Device device, DeviceRegistrationResult result, long millis) {
        String status = result.status() == null ? "unknown" : result.status().toString().toLowerCase(java.util.Locale.ROOT);
        String problem = result.isAssigned() ? null : result.errorCode() + " " + result.errorMessage();
        return new Outcome(device, status, result.assignedHub(), result.deviceId(), millis, problem);
    }
}
