package dev.berth.it.interop.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.it.BerthTestServer;
import dev.berth.it.TestPki;
import dev.berth.server.pki.PemFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs {@code provision.js} (the official Node provisioning SDK) against a Berth server and checks what it printed. */
public final class NodeProvisioning {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    private NodeProvisioning() {
    }

    /** One registration: {@code transport} is {@code mqtt}, {@code mqtt-ws} or {@code http}; {@code credential} from the helpers below. */
    public static NodeScripts.Outcome register(Path trustedCa, String transport, String host, String idScope, String registrationId,
            List<String> credential, String payloadJson) {
        List<String> arguments = new ArrayList<>(List.of("--transport", transport, "--host", host, "--scope", idScope,
                "--registration-id", registrationId, "--timeout", String.valueOf(TIMEOUT.toSeconds() - 10)));
        arguments.addAll(credential);
        if (payloadJson != null) {
            arguments.addAll(List.of("--payload", payloadJson));
        }
        return NodeScripts.run("provision.js", trustedCa, arguments, TIMEOUT);
    }

    public static List<String> key(String symmetricKey) {
        return List.of("--key", symmetricKey);
    }

    /** Writes the device's chain (leaf first, then its intermediates) and key as PEM files, as a device would hold them. */
    public static List<String> certificate(Path directory, TestPki.Issued device, List<java.security.cert.X509Certificate> presented) {
        String name = "device-" + device.certificate().getSerialNumber().toString(16);
        Path cert = directory.resolve(name + ".pem");
        Path key = directory.resolve(name + ".key");
        PemFiles.writeCertificates(cert, presented);
        PemFiles.writePrivateKey(key, device.keys().getPrivate());
        return List.of("--cert", cert.toString(), "--key-file", key.toString());
    }

    /** The SDK said "assigned" to a linked hub, with the device ID Berth chose (the registration ID). */
    public static void assertAssigned(NodeScripts.Outcome outcome, String registrationId) {
        assertThat(outcome.exitCode()).as(outcome.transcript()).isZero();
        assertThat(outcome.json().path("status").asText()).as(outcome.transcript()).isEqualTo("assigned");
        assertThat(outcome.json().path("registrationId").asText()).isEqualTo(registrationId);
        assertThat(outcome.json().path("assignedHub").asText()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
        assertThat(outcome.json().path("deviceId").asText()).isEqualTo(registrationId);
    }

    /** Several devices at once, as a fleet would come up; each is its own Node process. */
    public static List<NodeScripts.Outcome> concurrently(List<Callable<NodeScripts.Outcome>> devices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            List<NodeScripts.Outcome> outcomes = new ArrayList<>();
            for (Future<NodeScripts.Outcome> f : pool.invokeAll(devices)) {
                outcomes.add(f.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
