package dev.berth.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.JdbcHubStore;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.hub.HubRegistryException;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.SqliteBerthStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHubRegistryTest {
    private static final String HUB = "hub.berth.test";

    @TempDir
    Path directory;
    private JdbcBerthStore provisioning;
    private JdbcHubStore store;
    private final EmbeddedHubRegistry registry = new EmbeddedHubRegistry(List.of(HUB, "hub2.berth.test"));
    private final List<String> notifications = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        provisioning = SqliteBerthStore.open(directory.resolve("berth.db"));
        store = JdbcHubStore.on(provisioning, Clock.systemUTC());
        registry.attach(store, new DeviceNotifier() {
            @Override
            public void desiredPropertiesChanged(String deviceId, ObjectNode patch) {
                notifications.add("desired " + deviceId + " " + patch);
            }

            @Override
            public void cloudToDeviceMessageQueued(String deviceId) {
            }

            @Override
            public void deviceRevoked(String deviceId, String reason) {
                notifications.add("revoked " + deviceId);
            }
        });
    }

    @AfterEach
    void close() {
        provisioning.close();
    }

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    @Test
    void manages_its_host_names_case_insensitively() {
        assertThat(registry.manages("HUB.berth.test")).isTrue();
        assertThat(registry.manages("hub2.berth.test")).isTrue();
        assertThat(registry.manages("other.azure-devices.net")).isFalse();
        assertThat(HubRegistries.of(registry, HubRegistry.NONE).manages("hub.berth.test")).isTrue();
    }

    @Test
    void group_x509_device_is_anchored_at_the_signing_ca() throws Exception {
        var ca = dev.berth.server.pki.PemFiles.readCertificates(dev.berth.server.pki.ServerPki.loadOrCreate(directory.resolve("pki"), List.of("localhost")).caCertificate()).get(0);
        registry.provision(new HubDeviceProvisioning(HUB, "grp-dev-1", new DeviceEvidence.X509(ca, List.of(ca), ca), false, null, true));
        DeviceRecord device = store.findDevice("grp-dev-1").orElseThrow();
        assertThat(device.authenticationType()).isEqualTo("certificateAuthority");
        assertThat(Certificates.parseOne(device.caCertificatePem())).isEqualTo(ca);
        assertThat(device.primaryKey()).isNull();
    }

    @Test
    void initial_twin_is_applied_to_a_new_identity_and_credentials_change_revokes_the_session() {
        InitialTwin twin = new InitialTwin(Map.of("floor", 3), new InitialTwin.Properties(Map.of("mode", "eco")));
        registry.provision(new HubDeviceProvisioning(HUB, "dev-1", new DeviceEvidence.SymmetricKey(key('a')), false, twin, false));
        assertThat(store.findTwin("dev-1").orElseThrow().desired().get("mode").asText()).isEqualTo("eco");
        assertThat(notifications).containsExactly("desired dev-1 {\"mode\":\"eco\",\"$version\":2}");
        registry.provision(new HubDeviceProvisioning(HUB, "dev-1", new DeviceEvidence.SymmetricKey(key('a')), false, twin, false));
        assertThat(notifications).as("same credentials: nothing to tell").hasSize(1);
        registry.provision(new HubDeviceProvisioning(HUB, "dev-1", new DeviceEvidence.SymmetricKey(key('b')), false, twin, false));
        assertThat(notifications).last().isEqualTo("revoked dev-1");
        assertThat(store.findDevice("dev-1").orElseThrow().secondaryKey()).isEqualTo(key('b'));
    }

    @Test
    void an_enrollment_without_initial_twin_leaves_a_new_twin_at_version_1_and_tells_the_device_nothing() {
        registry.provision(new HubDeviceProvisioning(HUB, "plain-dev", new DeviceEvidence.SymmetricKey(key('a')), false, null, true));

        assertThat(store.findTwin("plain-dev").orElseThrow().desiredVersion()).isEqualTo(1);
        assertThat(notifications).isEmpty();
    }

    @Test
    void invalid_device_ids_and_a_stopped_hub_are_refused() {
        assertThatThrownBy(() -> registry.provision(new HubDeviceProvisioning(HUB, "has space", new DeviceEvidence.SymmetricKey(key('a')),
                false, null, true))).isInstanceOf(HubRegistryException.class).hasMessageContaining("not valid");
        registry.attach(null, null);
        assertThatThrownBy(() -> registry.provision(new HubDeviceProvisioning(HUB, "dev-2", new DeviceEvidence.SymmetricKey(key('a')),
                false, null, true))).isInstanceOf(HubRegistryException.class).hasMessageContaining("not running");
    }
}
