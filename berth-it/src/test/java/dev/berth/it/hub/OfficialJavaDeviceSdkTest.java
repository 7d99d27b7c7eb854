package dev.berth.it.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.IotHubMessageResult;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.it.TestPki;
import dev.berth.it.hub.HubTestBed.ProvisionedDevice;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Azure IoT Java device SDK (iot-device-client 2.x), unchanged, against Berth's embedded hub over
 * MQTT, with a SAS key and with an X.509 certificate: connect, telemetry with properties, twin get and reported
 * patch, desired notification, direct method, cloud-to-device. The SDK dials 8883 and needs a hub host name with a
 * dot, so the hub here is {@code 127.0.0.1} on 8883 — what {@code berth serve} uses by default.
 */
class OfficialJavaDeviceSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String HUB = "127.0.0.1";

    enum Kind { SAS, X509 }

    @TempDir
    static Path dir;
    static HubTestBed bed;

    @BeforeAll
    static void start() {
        bed = new HubTestBed(dir, HUB, 8883);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    /** Provisions through Berth's DPS, then builds the official SDK client from what provisioning returned. */
    private static DeviceClient officialClient(Kind kind, String registrationId) throws Exception {
        if (kind == Kind.SAS) {
            String key = HubTestBed.newKey();
            ProvisionedDevice device = bed.provisionWithKey(registrationId, key);
            String connectionString = "HostName=" + device.hub() + ";DeviceId=" + device.deviceId() + ";SharedAccessKey=" + key;
            return new DeviceClient(connectionString, IotHubClientProtocol.MQTT,
                    ClientOptions.builder().sslContext(bed.trustingSslContext()).build());
        }
        TestPki.Issued certificate = TestPki.selfSignedDevice(registrationId);
        ProvisionedDevice device = bed.provisionWithCertificate(registrationId, certificate);
        String connectionString = "HostName=" + device.hub() + ";DeviceId=" + device.deviceId() + ";x509=true";
        return new DeviceClient(connectionString, IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(clientCertificateContext(certificate)).build());
    }

    private static SSLContext clientCertificateContext(TestPki.Issued certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", certificate.keys().getPrivate(), new char[0], certificate.chain().toArray(new java.security.cert.Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(factory.getKeyManagers(), bed.trustedCa().trustManagerFactory().getTrustManagers(), null);
        return context;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void telemetry_with_properties_is_stored(Kind kind) throws Exception {
        String id = "official-telemetry-" + kind.name().toLowerCase();
        DeviceClient client = officialClient(kind, id);
        try {
            client.open(true);
            Message message = new Message("{\"temperature\":21.5}");
            message.setContentType("application/json");
            message.setContentEncoding("utf-8");
            message.setMessageId("official-message-1");
            message.setProperty("harness", "java");
            client.sendEvent(message);
            List<TelemetryMessage> stored = bed.hub().store().telemetryAfter(0, id, 10);
            assertThat(stored).hasSize(1);
            TelemetryMessage received = stored.get(0);
            assertThat(new String(received.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"temperature\":21.5}");
            assertThat(received.systemProperties()).containsEntry("$.ct", "application/json").containsEntry("$.ce", "utf-8")
                    .containsEntry("$.mid", "official-message-1");
            assertThat(received.applicationProperties()).containsEntry("harness", "java");
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twin_get_reported_patch_and_desired_notification_work(Kind kind) throws Exception {
        String id = "official-twin-" + kind.name().toLowerCase();
        DeviceClient client = officialClient(kind, id);
        List<Twin> desiredUpdates = new CopyOnWriteArrayList<>();
        try {
            client.open(true);
            client.subscribeToDesiredProperties((twin, context) -> desiredUpdates.add(twin), null);
            TwinCollection reported = new TwinCollection();
            reported.put("firmware", "1.2.3");
            int version = client.updateReportedProperties(reported).getVersion();
            assertThat(version).isPositive();

            Twin twin = getTwin(client);
            assertThat(twin.getReportedProperties()).containsEntry("firmware", "1.2.3");

            HttpResponse<String> patched = bed.service("PATCH", "/twins/" + id, "{\"properties\":{\"desired\":{\"interval\":30}}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            await().atMost(TIMEOUT).until(() -> desiredUpdates.stream()
                    .anyMatch(t -> Double.valueOf(30).equals(number(t.getDesiredProperties().get("interval")))));

            JsonNode serviceTwin = JSON.readTree(bed.service("GET", "/twins/" + id, null).body());
            assertThat(serviceTwin.at("/properties/reported/firmware").asText()).isEqualTo("1.2.3");
        } finally {
            client.close();
        }
    }

    /**
     * iot-device-client 2.5.0 (the newest release) sometimes loses the answer to getTwin although it arrived: its
     * {@code IotHubTransport.onMessageReceived} queues the message and wakes the receive task <em>before</em> it
     * looks up the request's correlation callback, and the receive task, once it has acknowledged the message,
     * removes that callback on a new thread. When the MQTT thread loses that race the callback is never called.
     * Reported upstream as Azure/azure-iot-sdk-java#1803, fix proposed in PR #1847 (not released). Measured here
     * on 2 cores: 2 lost answers in 150 getTwin calls, with the same and with fresh device IDs, none with TRACE
     * logging on (it changes the timing). Nothing a server sends can avoid it, so a second request is asked for;
     * a hub that does not answer still fails this test.
     */
    private static Twin getTwin(DeviceClient client) throws Exception {
        try {
            return client.getTwin(15_000);
        } catch (com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException firstTimedOut) {
            return client.getTwin(15_000);
        }
    }

    private static Double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void direct_method_is_answered(Kind kind) throws Exception {
        String id = "official-method-" + kind.name().toLowerCase();
        DeviceClient client = officialClient(kind, id);
        try {
            client.open(true);
            client.subscribeToMethods((name, payload, context) -> name.equals("double")
                    ? new DirectMethodResponse(200, java.util.Map.of("result", payload.getPayload(Integer.class) * 2))
                    : new DirectMethodResponse(404, null), null);
            HttpResponse<String> response = bed.service("POST", "/twins/" + id + "/methods",
                    "{\"methodName\":\"double\",\"payload\":21,\"responseTimeoutInSeconds\":20}");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("status").asInt()).isEqualTo(200);
            assertThat(answer.at("/payload/result").asInt()).isEqualTo(42);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cloud_to_device_message_is_delivered_and_completed(Kind kind) throws Exception {
        String id = "official-c2d-" + kind.name().toLowerCase();
        DeviceClient client = officialClient(kind, id);
        List<Message> received = new CopyOnWriteArrayList<>();
        try {
            client.setMessageCallback((message, context) -> {
                received.add(message);
                return IotHubMessageResult.COMPLETE;
            }, null);
            client.open(true);
            HttpResponse<String> sent = bed.service("POST", "/devices/" + id + "/messages/devicebound",
                    "{\"payload\":\"open the valve\",\"properties\":{\"priority\":\"high\"},\"messageId\":\"c2d-1\"}");
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
            await().atMost(TIMEOUT).until(() -> !received.isEmpty());
            assertThat(new String(received.get(0).getBytes(), StandardCharsets.UTF_8)).isEqualTo("open the valve");
            assertThat(received.get(0).getProperty("priority")).isEqualTo("high");
            assertThat(received.get(0).getMessageId()).isEqualTo("c2d-1");
            await().atMost(TIMEOUT).until(() -> bed.hub().store().pendingMessageCount(id, Instant.now()) == 0);
        } finally {
            client.close();
        }
    }
}
