package dev.berth.it.scale;


import dev.berth.device.client.DeviceClient;
import dev.berth.device.client.MessageQos;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.TrustedCa;
import dev.berth.hub.BerthHub;
import dev.berth.it.HubServiceCalls;
import dev.berth.server.BerthServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Berth servers with the embedded hub sharing one PostgreSQL schema, as hub nodes behind a load balancer would,
 * plus what a test needs to talk to them: the hub service API of a chosen node and device clients dialling a
 * chosen node. Needs {@code BERTH_TEST_POSTGRES_URL}; without it the test is skipped, or fails when {@code CI=true}.
 */
final class HubNodesOnPostgres implements AutoCloseable {
    static final String HUB = "hub.scale.berth.test";

    /** One server with its hub. */
    record Node(BerthServer server, BerthHub hub) {
        int mqttPort() {
            return server.mqttPort();
        }
    }

    private final Path dataDirectory;
    private final PostgresTestSchema schema;
    private final List<Node> nodes = new ArrayList<>();
    private TrustedCa trustedCa;
    private HttpClient http;

    HubNodesOnPostgres(Path dataDirectory) throws Exception {
        this.dataDirectory = dataDirectory;
        this.schema = PostgresTestSchema.create("berth_hub_nodes_", "hub nodes on PostgreSQL");
    }

    /** Starts another node on the shared database (quick heartbeats so a dead node is noticed within ~1.5 s). */
    Node start() {
        BerthHub hub = BerthHub.builder().hubHostNames(List.of(HUB)).clusterHeartbeat(Duration.ofMillis(500))
                .clusterPoll(Duration.ofMillis(500)).build();
        // one data directory for all: it only holds the PKI here, and devices trust one CA
        BerthServer server = BerthServer.builder().dataDirectory(dataDirectory)
                .store(schema.openStore())
                .mqttPort(0).httpsPort(0).bindHost("127.0.0.1").hostNames(List.of("localhost", HUB)).linkedHubs(List.of(HUB))
                .extension(hub).hubRegistry(hub.hubRegistry()).build().start();
        Node node = new Node(server, hub);
        nodes.add(node);
        if (trustedCa == null) {
            trustedCa = TrustedCa.fromPemFile(server.caCertificate());
            http = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
        }
        return node;
    }

    void stop(Node node) {
        if (nodes.remove(node)) {
            node.server().close();
        }
    }

    TrustedCa trustedCa() {
        return trustedCa;
    }

    /** Creates a SAS device identity through the service API of the node; @return its key */
    String createDevice(Node node, String deviceId) {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        HttpResponse<String> created = service(node, "PUT", "/devices/" + deviceId, "{\"deviceId\":\"" + deviceId
                + "\",\"authentication\":{\"type\":\"sas\",\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\"" + key + "\"}}}");
        if (created.statusCode() != 200) {
            throw new IllegalStateException("creating device " + deviceId + " failed: " + created.statusCode() + " " + created.body());
        }
        return key;
    }

    /** The Berth SDK's client dialling this node (clean session 0, quick reconnects). */
    DeviceClient client(Node node, String deviceId, String key) {
        return DeviceClient.builder().hubHostName(HUB).gatewayHostName("localhost").port(node.mqttPort()).deviceId(deviceId)
                .credential(SymmetricKeyCredential.of(key)).qos(MessageQos.AT_LEAST_ONCE).trustedCa(trustedCa)
                .reconnectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1)).operationTimeout(Duration.ofSeconds(15)).build();
    }

    HttpResponse<String> service(Node node, String method, String path, String jsonBody) {
        return service(node, method, path, jsonBody, null);
    }

    /** A service call with {@code If-Match} (null for none). */
    HttpResponse<String> service(Node node, String method, String path, String jsonBody, String ifMatch) {
        return new HubServiceCalls(http).call(node.server().httpsPort(), connectionString(node), method, path, jsonBody, ifMatch);
    }

    /** The live telemetry stream of a node, line by line, as it arrives. */
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> telemetryStream(Node node, String deviceId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + node.server().httpsPort()
                + "/telemetry/stream?device=" + deviceId)).header("Authorization", HubServiceCalls.token(connectionString(node))).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    private static String connectionString(Node node) {
        return node.hub().serviceConnectionString(HUB, node.server().httpsPort());
    }

    private SSLContext sslContext() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustedCa.trustManagerFactory().getTrustManagers(), null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        new ArrayList<>(nodes).forEach(this::stop);
        schema.close();
    }

    /** Runs SQL in the nodes' schema (to stage what a crashed node leaves behind). */
    void executeInSchema(String sql) {
        schema.executeInSchema(sql);
    }

    /**
     * Kills, from the database side, every hub node's LISTEN connection (as a database restart or a network cut would).
     * @return how many were killed
     */
    int killListenConnections() {
        return PostgresTestSchema.numberOf("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN berth_hub_%'"
                + " AND pid <> pg_backend_pid()");
    }

    /** How many LISTEN connections of hub nodes the database has now. */
    int listenConnections() {
        return PostgresTestSchema.numberOf("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN berth_hub_%' AND pid <> pg_backend_pid()");
    }
}
