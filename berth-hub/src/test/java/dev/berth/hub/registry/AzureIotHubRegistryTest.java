package dev.berth.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.TwinRecord;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.Json;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistryException;
import dev.berth.server.pki.Certificates;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST client for Azure IoT hubs, run against the embedded hub's own registry API over HTTPS: the same
 * requests (GET, PUT with If-Match, twin PATCH/PUT, hub policy SAS) Azure's API takes.
 */
class AzureIotHubRegistryTest {
    @TempDir
    static Path directory;
    static HubTestServer server;
    static AzureIotHubRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        server = new HubTestServer(directory);
        registry = new AzureIotHubRegistry(server.localConnectionString(), server.trustingServerCa(), Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String key(char fill) {
        return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes());
    }

    private static InitialTwin initialTwin() {
        return new InitialTwin(Map.of("site", "lab"), new InitialTwin.Properties(Map.of("interval", 30)));
    }

    @Test
    void manages_the_hub_named_in_its_connection_string() {
        assertThat(registry.manages("localhost")).isTrue();
        assertThat(registry.manages("LOCALHOST")).isTrue();
        assertThat(registry.manages("other.azure-devices.net")).isFalse();
    }

    @Test
    void symmetric_key_device_is_created_with_its_key_and_initial_twin() {
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-1", new DeviceEvidence.SymmetricKey(key('a')), true,
                initialTwin(), true));
        DeviceRecord device = server.hub.store().findDevice("azure-sas-1").orElseThrow();
        assertThat(device.authenticationType()).isEqualTo("sas");
        assertThat(device.primaryKey()).isEqualTo(key('a'));
        assertThat(device.secondaryKey()).isEqualTo(key('a'));
        assertThat(device.iotEdge()).isTrue();
        TwinRecord twin = server.hub.store().findTwin("azure-sas-1").orElseThrow();
        assertThat(twin.tags()).isEqualTo(Json.MAPPER.valueToTree(Map.of("site", "lab")));
        assertThat(twin.desired()).isEqualTo(Json.MAPPER.valueToTree(Map.of("interval", 30)));
    }

    @Test
    void reprovisioning_updates_keys_with_if_match_and_keeps_the_twin_unless_asked() {
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-2", new DeviceEvidence.SymmetricKey(key('b')), false,
                initialTwin(), true));
        server.hub.store().patchDesired("azure-sas-2", null, Json.MAPPER.valueToTree(Map.of("interval", 60)), null);
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-2", new DeviceEvidence.SymmetricKey(key('c')), false,
                initialTwin(), false));
        assertThat(server.hub.store().findDevice("azure-sas-2").orElseThrow().primaryKey()).isEqualTo(key('c'));
        assertThat(server.hub.store().findTwin("azure-sas-2").orElseThrow().desired().get("interval").asInt()).isEqualTo(60);
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-2", new DeviceEvidence.SymmetricKey(key('c')), false,
                initialTwin(), true));
        assertThat(server.hub.store().findTwin("azure-sas-2").orElseThrow().desired().get("interval").asInt())
                .as("a data reset puts the initial twin back").isEqualTo(30);
    }

    @Test
    void individual_x509_device_becomes_self_signed_with_its_sha256_thumbprint() {
        var certificate = server.someCertificate();
        registry.provision(new HubDeviceProvisioning("localhost", "azure-x509-1",
                new DeviceEvidence.X509(certificate, List.of(certificate), null), false, null, true));
        DeviceRecord device = server.hub.store().findDevice("azure-x509-1").orElseThrow();
        assertThat(device.authenticationType()).isEqualTo("selfSigned");
        assertThat(device.primaryThumbprint()).isEqualTo(Certificates.sha256Thumbprint(certificate));
    }

    @Test
    void a_disabled_hub_device_stays_disabled_when_provisioned_again() {
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-3", new DeviceEvidence.SymmetricKey(key('d')), false, null, true));
        DeviceRecord current = server.hub.store().findDevice("azure-sas-3").orElseThrow();
        server.hub.store().putDevice(new DeviceRecord("azure-sas-3", null, null, "disabled", "operator", "sas", key('d'), key('d'),
                null, null, null, false, null, null), current.etag());
        registry.provision(new HubDeviceProvisioning("localhost", "azure-sas-3", new DeviceEvidence.SymmetricKey(key('e')), false, null, false));
        DeviceRecord after = server.hub.store().findDevice("azure-sas-3").orElseThrow();
        assertThat(after.status()).isEqualTo("disabled");
        assertThat(after.primaryKey()).isEqualTo(key('e'));
    }

    @Test
    void a_wrong_policy_key_is_reported_as_unauthorized() throws Exception {
        String wrong = server.localConnectionString().replaceAll("SharedAccessKey=.*$", "SharedAccessKey=" + key('z'));
        AzureIotHubRegistry badRegistry = new AzureIotHubRegistry(wrong, server.trustingServerCa(), Clock.systemUTC());
        assertThatThrownBy(() -> badRegistry.provision(new HubDeviceProvisioning("localhost", "azure-sas-4",
                new DeviceEvidence.SymmetricKey(key('f')), false, null, true)))
                .isInstanceOfSatisfying(HubRegistryException.class, e -> assertThat(e.unauthorized()).isTrue())
                .hasMessageContaining("401");
    }

    @Test
    void an_unreachable_hub_is_a_clear_failure() throws Exception {
        AzureIotHubRegistry nowhere = new AzureIotHubRegistry("HostName=127.0.0.1:1;SharedAccessKeyName=iothubowner;SharedAccessKey="
                + key('g'), server.trustingServerCa(), Clock.systemUTC());
        assertThatThrownBy(() -> nowhere.provision(new HubDeviceProvisioning("127.0.0.1", "azure-sas-5",
                new DeviceEvidence.SymmetricKey(key('h')), false, null, true)))
                .isInstanceOfSatisfying(HubRegistryException.class, e -> assertThat(e.unauthorized()).isFalse())
                .hasMessageContaining("cannot reach");
    }
}
