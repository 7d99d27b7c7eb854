package dev.berth.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.KeyAlgorithm;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubConnectTest {
    @TempDir
    static Path dataDirectory;
    static HubTestServer server;

    @BeforeAll
    static void start() {
        server = new HubTestServer(dataDirectory);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void java_style_token_with_unencoded_resource_connects() {
        String key = HubTestServer.newKey();
        server.sasDevice("java-style", key, HubTestServer.newKey(), "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "java-style")) {
            var ack = device.connect(HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "java-style", HubTestDevice.inAnHour()), false);
            assertThat(ack.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
            assertThat(ack.isSessionPresent()).isFalse();
        }
    }

    @Test
    void node_style_token_with_encoded_resource_signed_by_the_secondary_key_connects() {
        String secondary = HubTestServer.newKey();
        server.sasDevice("node-style", HubTestServer.newKey(), secondary, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "node-style")) {
            var ack = device.connect(HubTestDevice.nodeStyleToken(secondary, HubTestServer.HUB, "node-style", HubTestDevice.inAnHour()), true);
            assertThat(ack.getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        }
    }

    @Test
    void wrong_key_is_refused_as_bad_credentials_and_counted() {
        server.sasDevice("wrong-key", HubTestServer.newKey(), null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "wrong-key")) {
            String token = HubTestDevice.nodeStyleToken(HubTestServer.newKey(), HubTestServer.HUB, "wrong-key", HubTestDevice.inAnHour());
            assertThat(device.refusedConnect(HubTestDevice.username("wrong-key"), token))
                    .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "bad_signature")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unknown_device_is_not_authorized() {
        try (HubTestDevice device = new HubTestDevice(server, "nobody")) {
            String token = HubTestDevice.nodeStyleToken(HubTestServer.newKey(), HubTestServer.HUB, "nobody", HubTestDevice.inAnHour());
            assertThat(device.refusedConnect(HubTestDevice.username("nobody"), token)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "unknown_device")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void disabled_device_is_not_authorized() {
        String key = HubTestServer.newKey();
        server.sasDevice("disabled-one", key, null, "disabled");
        try (HubTestDevice device = new HubTestDevice(server, "disabled-one")) {
            String token = HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, "disabled-one", HubTestDevice.inAnHour());
            assertThat(device.refusedConnect(HubTestDevice.username("disabled-one"), token)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "device_disabled")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void expired_token_is_refused_with_its_reason() {
        String key = HubTestServer.newKey();
        server.sasDevice("expired", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "expired")) {
            long anHourAgo = Instant.now().minusSeconds(3600).getEpochSecond();
            String token = HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "expired", anHourAgo);
            assertThat(device.refusedConnect(HubTestDevice.username("expired"), token))
                    .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "token_expired")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void token_for_another_device_is_refused() {
        String key = HubTestServer.newKey();
        server.sasDevice("resource-a", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "resource-a")) {
            String token = HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "resource-b", HubTestDevice.inAnHour());
            assertThat(device.refusedConnect(HubTestDevice.username("resource-a"), token))
                    .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "wrong_resource")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void hub_not_served_here_and_client_id_mismatch_are_refused() {
        String key = HubTestServer.newKey();
        server.sasDevice("mismatch", key, null, "enabled");
        String token = HubTestDevice.javaStyleToken(key, "other.hub.test", "mismatch", HubTestDevice.inAnHour());
        try (HubTestDevice device = new HubTestDevice(server, "mismatch")) {
            assertThat(device.refusedConnect("other.hub.test/mismatch/?api-version=2021-04-12", token))
                    .isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        }
        try (HubTestDevice device = new HubTestDevice(server, "someone-else")) {
            String good = HubTestDevice.javaStyleToken(key, HubTestServer.HUB, "mismatch", HubTestDevice.inAnHour());
            assertThat(device.refusedConnect(HubTestDevice.username("mismatch"), good)).isEqualTo(Mqtt3ConnAckReturnCode.IDENTIFIER_REJECTED);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "unknown_hub")).isGreaterThanOrEqualTo(1);
        assertThat(server.counter("berth.hub.refusals", "reason", "client_id_mismatch")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void self_signed_device_connects_by_sha256_or_lower_case_sha1_thumbprint() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName("x509-self"), keys.getPublic(), null,
                keys.getPrivate(), null, Duration.ofDays(30));
        server.selfSignedDevice("x509-self", Certificates.sha256Thumbprint(leaf));
        try (HubTestDevice device = new HubTestDevice(server, "x509-self", keyManager(keys, List.of(leaf)), false)) {
            assertThat(device.connect(null, true).getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        }
        server.selfSignedDevice("x509-self-sha1", Certificates.sha1Thumbprint(leaf).toLowerCase(Locale.ROOT));
        try (HubTestDevice device = new HubTestDevice(server, "x509-self-sha1", keyManager(keys, List.of(leaf)), false)) {
            assertThat(device.connect(null, true).getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        }
    }

    @Test
    void self_signed_device_with_another_certificate_is_refused() {
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName("x509-other"), keys.getPublic(), null,
                keys.getPrivate(), null, Duration.ofDays(30));
        server.selfSignedDevice("x509-other", "AB".repeat(32));
        try (HubTestDevice device = new HubTestDevice(server, "x509-other", keyManager(keys, List.of(leaf)), false)) {
            assertThat(device.refusedConnect(HubTestDevice.username("x509-other"), null))
                    .isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "thumbprint_mismatch")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void ca_device_connects_with_a_chain_to_its_ca_and_is_refused_with_a_chain_to_another() {
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("Hub Test CA"), caKeys, Duration.ofDays(30), null);
        KeyPair deviceKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate leaf = CertificateIssuer.clientCertificate(CertificateIssuer.commonName("x509-ca"), deviceKeys.getPublic(), ca,
                caKeys.getPrivate(), null, Duration.ofDays(30));
        server.caDevice("x509-ca", ca);
        try (HubTestDevice device = new HubTestDevice(server, "x509-ca", keyManager(deviceKeys, List.of(leaf, ca)), false)) {
            assertThat(device.connect(null, true).getReturnCode()).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
        }
        KeyPair otherKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate otherCa = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("Other CA"), otherKeys, Duration.ofDays(30), null);
        X509Certificate foreign = CertificateIssuer.clientCertificate(CertificateIssuer.commonName("x509-ca"), deviceKeys.getPublic(), otherCa,
                otherKeys.getPrivate(), null, Duration.ofDays(30));
        try (HubTestDevice device = new HubTestDevice(server, "x509-ca", keyManager(deviceKeys, List.of(foreign, otherCa)), false)) {
            assertThat(device.refusedConnect(HubTestDevice.username("x509-ca"), null)).isEqualTo(Mqtt3ConnAckReturnCode.BAD_USER_NAME_OR_PASSWORD);
        }
        assertThat(server.counter("berth.hub.refusals", "reason", "chain_not_trusted")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_second_connection_of_the_device_replaces_the_first() {
        String key = HubTestServer.newKey();
        server.sasDevice("twice", key, null, "enabled");
        try (HubTestDevice first = new HubTestDevice(server, "twice"); HubTestDevice second = new HubTestDevice(server, "twice")) {
            first.connect(HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, "twice", HubTestDevice.inAnHour()), true);
            second.connect(HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, "twice", HubTestDevice.inAnHour()), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> !first.isConnected());
            assertThat(second.isConnected()).isTrue();
            assertThat(server.sessions().isConnected("twice")).isTrue();
            assertThat(server.counter("berth.mqtt.disconnects", "reason", "connection_replaced")).isGreaterThanOrEqualTo(1);
            // the survivor is the registered session: it is served
            second.subscribe("$iothub/twin/res/#", MqttQos.AT_LEAST_ONCE);
            second.publish("$iothub/twin/GET/?$rid=7", "", MqttQos.AT_LEAST_ONCE);
            try {
                assertThat(second.next().getTopic().toString()).isEqualTo("$iothub/twin/res/200/?$rid=7");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void revoked_device_is_disconnected() {
        String key = HubTestServer.newKey();
        server.sasDevice("revoked", key, null, "enabled");
        try (HubTestDevice device = new HubTestDevice(server, "revoked")) {
            device.connect(HubTestDevice.nodeStyleToken(key, HubTestServer.HUB, "revoked", HubTestDevice.inAnHour()), true);
            server.sessions().deviceRevoked("revoked", "the identity was deleted");
            await().atMost(Duration.ofSeconds(10)).until(() -> !device.isConnected());
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.sessions().isConnected("revoked"));
        }
        assertThat(server.counter("berth.mqtt.disconnects", "reason", "device_revoked")).isGreaterThanOrEqualTo(1);
    }

    static KeyManagerFactory keyManager(KeyPair keys, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("device", keys.getPrivate(), new char[0], chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return factory;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
