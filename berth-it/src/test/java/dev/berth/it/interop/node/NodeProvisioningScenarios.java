package dev.berth.it.interop.node;

import static dev.berth.it.interop.node.NodeProvisioning.assertAssigned;
import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.it.BerthTestServer;
import dev.berth.it.TestPki;
import dev.berth.it.X509Enrollments;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the official Node.js provisioning SDK must be able to do against Berth, whatever the transport: individual
 * and group symmetric keys, self-signed X.509, an X.509 group reached through an intermediate the device sends,
 * a custom payload (Node sends it as a JSON object), and Berth's own error for a wrong key. A subclass says how
 * the server starts for its transport and how the SDK reaches it; one server serves all of a class's tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeProvisioningScenarios {
    static final String KEY = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
    static final String GROUP_KEY = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";
    static final String KEY_GROUP = "node-key-group";
    static final String X509_GROUP = "node-x509-root-group";
    static final int DEVICES = 3;

    TestPki.Issued root;
    TestPki.Issued intermediate;
    private BerthTestServer berth;

    @TempDir
    Path files;

    /** Skips (fails under CI) without Node and the SDK; else starts Berth and enrolls the groups every scenario uses. */
    @BeforeAll
    void startBerth(@TempDir Path dataDirectory) {
        NodeScripts.assumeAvailable();
        berth = startServer(dataDirectory);
        root = TestPki.rootCa("Node SDK Root");
        intermediate = TestPki.intermediateCa("Node SDK Intermediate", root);
        berth.enrollGroup(KEY_GROUP, GROUP_KEY, null, "enabled");
        X509Enrollments.groupWithSigningCertificate(berth.store(), X509_GROUP, root.certificate(), "enabled");
    }

    @AfterAll
    void stopBerth() {
        if (berth != null) {
            berth.close();
        }
    }

    /** Starts Berth as this transport needs it (e.g. HTTPS on 443, the only port some Node transports dial). */
    abstract BerthTestServer startServer(Path dataDirectory);

    /** {@code mqtt}, {@code mqtt-ws} or {@code http}, as provision.js names them. */
    abstract String transport();

    /** The provisioning host as given to the SDK. */
    abstract String host(BerthTestServer berth);

    BerthTestServer berth() {
        return berth;
    }

    private String registrationId(String scenario, int i) {
        return "node-" + transport() + "-" + scenario + "-" + i;
    }

    NodeScripts.Outcome register(String registrationId, List<String> credential, String payloadJson) {
        return NodeProvisioning.register(berth().server().caCertificate(), transport(), host(berth()), berth().idScope(), registrationId,
                credential, payloadJson);
    }

    @Test
    void individual_key_devices_are_assigned_with_or_without_a_payload() throws Exception {
        List<Callable<NodeScripts.Outcome>> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String regId = registrationId("individual", i);
            String payload = i % 2 == 0 ? "{\"modelId\":\"dtmi:berth:node;1\",\"site\":{\"rack\":" + i + "}}" : null;
            berth().enroll(regId, KEY, null);
            devices.add(() -> register(regId, NodeProvisioning.key(KEY), payload));
        }
        List<NodeScripts.Outcome> outcomes = NodeProvisioning.concurrently(devices);
        for (int i = 0; i < DEVICES; i++) {
            assertAssigned(outcomes.get(i), registrationId("individual", i));
            assertThat(outcomes.get(i).json().has("enrollmentGroupId")).isFalse();
        }
    }

    @Test
    void group_devices_with_derived_keys_are_assigned_by_their_group() throws Exception {
        List<Callable<NodeScripts.Outcome>> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String regId = registrationId("group", i);
            String derived = SharedAccessSignatures.deriveDeviceKey(GROUP_KEY, regId);
            devices.add(() -> register(regId, NodeProvisioning.key(derived), "{\"firmware\":\"1.0." + regId.length() + "\"}"));
        }
        List<NodeScripts.Outcome> outcomes = NodeProvisioning.concurrently(devices);
        for (int i = 0; i < DEVICES; i++) {
            assertAssigned(outcomes.get(i), registrationId("group", i));
            assertThat(outcomes.get(i).json().path("enrollmentGroupId").asText()).isEqualTo(KEY_GROUP);
        }
    }

    @Test
    void self_signed_certificate_devices_are_assigned() throws Exception {
        List<Callable<NodeScripts.Outcome>> devices = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String regId = registrationId("x509-self-signed", i);
            TestPki.Issued device = TestPki.selfSignedDevice(regId);
            X509Enrollments.individual(berth().store(), regId, device.certificate(), "enabled");
            List<String> credential = NodeProvisioning.certificate(files, device, device.chain());
            devices.add(() -> register(regId, credential, null));
        }
        List<NodeScripts.Outcome> outcomes = NodeProvisioning.concurrently(devices);
        for (int i = 0; i < 2; i++) {
            assertAssigned(outcomes.get(i), registrationId("x509-self-signed", i));
        }
    }

    /** Only the root is enrolled, so Berth can link the leaf to it only through the intermediate the SDK sends in TLS. */
    @Test
    void group_certificate_devices_sending_their_intermediate_are_assigned_by_the_root_group() throws Exception {
        List<Callable<NodeScripts.Outcome>> devices = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String regId = registrationId("x509-group", i);
            TestPki.Issued device = TestPki.device(regId, intermediate);
            List<String> credential = NodeProvisioning.certificate(files, device, device.chain());
            devices.add(() -> register(regId, credential, "{\"modelId\":\"dtmi:berth:node;1\"}"));
        }
        List<NodeScripts.Outcome> outcomes = NodeProvisioning.concurrently(devices);
        for (int i = 0; i < 2; i++) {
            assertAssigned(outcomes.get(i), registrationId("x509-group", i));
            assertThat(outcomes.get(i).json().path("enrollmentGroupId").asText()).isEqualTo(X509_GROUP);
        }
    }

    /** The counter-check of the test above: the same kind of leaf without its intermediate cannot be linked to the root. */
    @Test
    void group_certificate_device_without_its_intermediate_is_not_assigned() {
        String regId = registrationId("x509-no-chain", 0);
        TestPki.Issued device = TestPki.device(regId, intermediate);
        NodeScripts.Outcome outcome = register(regId, NodeProvisioning.certificate(files, device, List.of(device.certificate())), null);
        assertThat(outcome.exitCode()).as(outcome.transcript()).isEqualTo(1);
        assertThat(outcome.json().path("errorCode").asInt()).as(outcome.transcript()).isEqualTo(401002);
        assertThat(outcome.json().path("message").asText()).contains("only the device certificate was presented");
    }

    @Test
    void wrong_key_fails_with_berths_401005_error_and_message() {
        String regId = registrationId("wrong-key", 0);
        berth().enroll(regId, KEY, null);
        NodeScripts.Outcome outcome = register(regId, NodeProvisioning.key(SharedAccessSignatures.deriveDeviceKey(KEY, "not-the-key")), null);
        assertThat(outcome.exitCode()).as(outcome.transcript()).isEqualTo(1);
        assertThat(outcome.json().path("errorName").asText()).as(outcome.transcript()).isEqualTo("UnauthorizedError");
        assertThat(outcome.json().path("errorCode").asInt()).as(outcome.transcript()).isEqualTo(401005);
        assertThat(outcome.json().path("message").asText())
                .contains("does not match the primary or secondary key of individual enrollment '" + regId + "'");
        assertThat(outcome.json().path("trackingId").asText()).isNotBlank();
    }
}
