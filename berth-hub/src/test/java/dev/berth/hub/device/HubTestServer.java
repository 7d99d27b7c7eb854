package dev.berth.hub.device;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.JdbcHubStore;
import dev.berth.server.BerthServer;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.store.SqliteBerthStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A real Berth server (SQLite, free ports) with the hub device sessions on its listeners. */
final class HubTestServer implements AutoCloseable {
    static final String HUB = "hub1.berth.test";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SessionsOnlyHubExtension hub = new SessionsOnlyHubExtension(Set.of(HUB));
    private final BerthServer server;
    private final HttpClient http;

    HubTestServer(Path dataDirectory) {
        server = BerthServer.builder().dataDirectory(dataDirectory).store(SqliteBerthStore.open(dataDirectory.resolve("berth.db")))
                .mqttPort(0).httpsPort(0).bindHost("127.0.0.1").linkedHubs(List.of(HUB)).meterRegistry(meters)
                .extension(hub).build().start();
        http = HttpClient.newBuilder().sslContext(sslContext()).connectTimeout(Duration.ofSeconds(10)).build();
    }

    JdbcHubStore store() {
        return hub.store();
    }

    HubDeviceSessions sessions() {
        return hub.sessions();
    }

    int mqttPort() {
        return server.mqttPort();
    }

    static String newKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    DeviceRecord sasDevice(String deviceId, String primaryKey, String secondaryKey, String status) {
        return store().putDevice(new DeviceRecord(deviceId, null, null, status, null, DeviceRecord.SAS, primaryKey, secondaryKey,
                null, null, null, false, null, null), null);
    }

    DeviceRecord selfSignedDevice(String deviceId, String primaryThumbprint) {
        return store().putDevice(new DeviceRecord(deviceId, null, null, "enabled", null, DeviceRecord.SELF_SIGNED, null, null,
                primaryThumbprint, null, null, false, null, null), null);
    }

    DeviceRecord caDevice(String deviceId, X509Certificate ca) {
        return store().putDevice(new DeviceRecord(deviceId, null, null, "enabled", null, DeviceRecord.CERTIFICATE_AUTHORITY, null,
                null, null, null, PemFiles.toPem(ca), false, null, null), null);
    }

    double counter(String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double counter(String name) {
        return meters.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", SessionsOnlyHubExtension.AUTHORIZATION)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create("https://localhost:" + server.httpsPort() + path);
    }

    TrustManagerFactory trust() {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("berth-ca", PemFiles.readCertificates(server.caCertificate()).get(0));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust().getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
