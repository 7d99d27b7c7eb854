package dev.berth.it;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.SqliteBerthStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real Berth server for tests: SQLite in a temporary directory, free ports (or 8883 for the official
 * Java SDK, which hard-codes it), retry-after 1 s so tests are quick. Enrollments are written straight into
 * the store; the service API has its own tests.
 */
public final class BerthTestServer implements AutoCloseable {
    public static final String HUB = "hub1.berth.test";
    public static final String HUB_2 = "hub2.berth.test";

    private final Path dataDirectory;
    private final BerthStore store;
    private final BerthServer server;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private BerthTestServer(Path dataDirectory, int mqttPort, BerthStore store) {
        this(dataDirectory, store, builder -> builder.mqttPort(mqttPort));
    }

    private BerthTestServer(Path dataDirectory, BerthStore store, UnaryOperator<BerthServerBuilder> customize) {
        this.dataDirectory = dataDirectory;
        this.store = store;
        this.server = customize.apply(BerthServer.builder().dataDirectory(dataDirectory).store(store)
                .mqttPort(0).httpsPort(0).bindHost("127.0.0.1")
                .linkedHubs(List.of(HUB, HUB_2)).retryAfterSeconds(1).meterRegistry(meters))
                .build().start();
    }

    /** A server on free ports whose builder the test adjusts, e.g. {@code b -> b.httpsPort(443)}. */
    public static BerthTestServer start(Path dataDirectory, UnaryOperator<BerthServerBuilder> customize) {
        return new BerthTestServer(dataDirectory, SqliteBerthStore.open(dataDirectory.resolve("berth.db")), customize);
    }

    public static BerthTestServer start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    public static BerthTestServer start(Path dataDirectory, int mqttPort) {
        return new BerthTestServer(dataDirectory, mqttPort, SqliteBerthStore.open(dataDirectory.resolve("berth.db")));
    }

    public BerthServer server() {
        return server;
    }

    public BerthStore store() {
        return store;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    public String idScope() {
        return server.idScope();
    }

    public int mqttPort() {
        return server.mqttPort();
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    /** Device refusals of one transport ({@code mqtt}, {@code mqtt-ws}, {@code https}) and reason. */
    public double refusals(String reason, String transport) {
        return meters.find("berth.dps.refusals").tag("reason", reason).tag("transport", transport).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    /** Connections the server closed, of every reason, by reason. */
    public java.util.Map<String, Double> disconnects() {
        java.util.Map<String, Double> byReason = new java.util.TreeMap<>();
        meters.find("berth.mqtt.disconnects").counters()
                .forEach(c -> byReason.merge(c.getId().getTag("reason"), c.count(), Double::sum));
        return byReason;
    }

    public double refusals(String reason) {
        return meters.find("berth.dps.refusals").tag("reason", reason).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    public IndividualEnrollment enroll(String registrationId, String primaryKey, String secondaryKey) {
        return store.putEnrollment(individual(registrationId, primaryKey, secondaryKey, "enabled", null), null);
    }

    public IndividualEnrollment enroll(IndividualEnrollment enrollment) {
        return store.putEnrollment(enrollment, null);
    }

    public EnrollmentGroup enrollGroup(String groupId, String primaryKey, String secondaryKey, String status) {
        return store.putGroup(new EnrollmentGroup(groupId, AttestationMechanism.symmetricKey(primaryKey, secondaryKey), null, null,
                null, null, status, null, null, null, "hashed", null, null), null);
    }

    public static IndividualEnrollment individual(String registrationId, String primaryKey, String secondaryKey, String status, String deviceId) {
        return new IndividualEnrollment(registrationId, deviceId, null, null, AttestationMechanism.symmetricKey(primaryKey, secondaryKey),
                null, null, null, null, status, null, null, null, "hashed", null, null);
    }

    /** An SSLContext that trusts only the server's generated CA, as a device would. */
    public SSLContext deviceSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.2");
            context.init(null, trustManagerFactory().getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public TrustManagerFactory trustManagerFactory() {
        try (InputStream in = new FileInputStream(server.caCertificate().toFile())) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("berth-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return factory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
