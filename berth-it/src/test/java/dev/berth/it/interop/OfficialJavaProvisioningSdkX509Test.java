package dev.berth.it.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderX509;
import dev.berth.it.BerthTestServer;
import dev.berth.it.TestPki;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.pki.Certificates;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Azure IoT Java provisioning SDK 2.x with X.509 certificates, unchanged, against Berth: the four
 * standard scenarios over MQTT (8883) and HTTPS. The SDK's X.509 extension point is {@link SecurityProviderX509};
 * the key manager below is built exactly as the SDK builds it, only the trust is Berth's CA instead of the JDK's,
 * so the client-certificate choice (which depends on the server's CA list) is the SDK's own.
 */
class OfficialJavaProvisioningSdkX509Test {
    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static TestPki.Issued root;
    static TestPki.Issued intermediate;

    enum Scenario { INDIVIDUAL_SELF_SIGNED, INDIVIDUAL_CA_SIGNED, GROUP_VIA_ROOT, GROUP_VIA_INTERMEDIATE }

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir, 8883);
        root = TestPki.rootCa("Official SDK Root");
        intermediate = TestPki.intermediateCa("Official SDK Intermediate", root);
        berth.store().putGroup(group("official-x509-root-group", root.certificate()), null);
        berth.store().putGroup(group("official-x509-intermediate-group", intermediate.certificate()), null);
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    private static X509Certificates certificates(X509Certificate c) {
        return new X509Certificates(new X509CertificateWithInfo(TestPki.pemOf(c), Certificates.info(c)), null);
    }

    private static EnrollmentGroup group(String id, X509Certificate ca) {
        return new EnrollmentGroup(id, AttestationMechanism.x509(new X509Attestation(null, certificates(ca), null)), null, null, null,
                null, "enabled", null, null, null, "hashed", null, null);
    }

    private static void individual(String regId, X509Certificate leaf) {
        berth.store().putEnrollment(new IndividualEnrollment(regId, null, null, null,
                AttestationMechanism.x509(new X509Attestation(certificates(leaf), null, null)), null, null, null, null, "enabled",
                null, null, null, "hashed", null, null), null);
    }

    /** The SDK's abstract X.509 provider, filled in the way its own x509-provider module does. */
    static final class DeviceCertificateProvider extends SecurityProviderX509 {
        private final TestPki.Issued device;
        private final List<X509Certificate> intermediates;
        private final SSLContext trustBerth;

        DeviceCertificateProvider(TestPki.Issued device, List<X509Certificate> intermediates, BerthTestServer berth) {
            this.device = device;
            this.intermediates = intermediates;
            this.trustBerth = berth.deviceSslContext();
        }

        @Override
        public String getClientCertificateCommonName() {
            return Certificates.commonName(device.certificate());
        }

        @Override
        public X509Certificate getClientCertificate() {
            return device.certificate();
        }

        @Override
        public Key getClientPrivateKey() {
            return device.keys().getPrivate();
        }

        @Override
        public Collection<X509Certificate> getIntermediateCertificatesChain() {
            return intermediates;
        }

        @Override
        public SSLContext getSSLContext() {
            try {
                char[] password = UUID.randomUUID().toString().toCharArray();
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null);
                List<X509Certificate> chain = new ArrayList<>();
                chain.add(device.certificate());
                chain.addAll(intermediates);
                store.setKeyEntry("IOTHUB_SECURITY_PROVIDER_CERT_ALIAS", device.keys().getPrivate(), password,
                        chain.toArray(X509Certificate[]::new));
                KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(store, password);
                SSLContext context = SSLContext.getInstance("TLSv1.2");
                context.init(keys.getKeyManagers(), trustManagers(), new SecureRandom());
                return context;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private javax.net.ssl.TrustManager[] trustManagers() {
            return berth.trustManagerFactory().getTrustManagers();
        }

        private final BerthTestServer berth = OfficialJavaProvisioningSdkX509Test.berth;
    }

    private static ProvisioningDeviceClientRegistrationResult register(Scenario scenario, ProvisioningDeviceClientTransportProtocol protocol,
            String suffix) throws Exception {
        String regId = "official-x509-" + scenario.name().toLowerCase().replace('_', '-') + "-" + suffix;
        TestPki.Issued device;
        List<X509Certificate> intermediates = List.of();
        switch (scenario) {
            case INDIVIDUAL_SELF_SIGNED -> {
                device = TestPki.selfSignedDevice(regId);
                individual(regId, device.certificate());
            }
            case INDIVIDUAL_CA_SIGNED -> {
                device = TestPki.device(regId, intermediate);
                individual(regId, device.certificate());
                intermediates = List.of(intermediate.certificate());
            }
            case GROUP_VIA_ROOT -> device = TestPki.device(regId, root);
            default -> {
                device = TestPki.device(regId, intermediate);
                intermediates = List.of(intermediate.certificate());
            }
        }
        String host = protocol == ProvisioningDeviceClientTransportProtocol.HTTPS ? "localhost:" + berth.server().httpsPort() : "localhost";
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create(host, berth.idScope(), protocol,
                new DeviceCertificateProvider(device, intermediates, berth));
        try {
            return client.registerDeviceSync();
        } finally {
            client.close();
        }
    }

    @ParameterizedTest(name = "{0} over MQTT")
    @EnumSource(Scenario.class)
    void scenario_is_assigned_over_mqtt(Scenario scenario) throws Exception {
        for (int i = 0; i < 3; i++) {
            ProvisioningDeviceClientRegistrationResult result = register(scenario, ProvisioningDeviceClientTransportProtocol.MQTT, "mqtt-" + i);
            assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
            assertThat(result.getIothubUri()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
            assertThat(result.getDeviceId()).isEqualTo(result.getRegistrationId());
        }
    }

    @ParameterizedTest(name = "{0} over HTTPS")
    @EnumSource(Scenario.class)
    void scenario_is_assigned_over_https(Scenario scenario) throws Exception {
        ProvisioningDeviceClientRegistrationResult result = register(scenario, ProvisioningDeviceClientTransportProtocol.HTTPS, "https");
        assertThat(result.getProvisioningDeviceClientStatus()).isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getIothubUri()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
    }
}
