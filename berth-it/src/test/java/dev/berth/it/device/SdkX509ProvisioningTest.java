package dev.berth.it.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningDeviceClient;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.TrustedCa;
import dev.berth.device.security.X509Credential;
import dev.berth.it.BerthTestServer;
import dev.berth.it.TestPki;
import dev.berth.it.X509Enrollments;
import dev.berth.server.pki.PemFiles;
import dev.berth.server.pki.PrivateKeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Berth SDK with device certificates over every transport, loaded the way the reference sample does:
 * a PEM certificate chain plus an encrypted PEM private key and its password.
 */
class SdkX509ProvisioningTest {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final char[] PASSWORD = "device-key-password".toCharArray();

    @TempDir
    static Path dir;
    static BerthTestServer berth;
    static TestPki.Issued root;
    static TestPki.Issued intermediate;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir.resolve("server"));
        root = TestPki.rootCa("SDK X.509 Root");
        intermediate = TestPki.intermediateCa("SDK X.509 Intermediate", root);
        X509Enrollments.groupWithSigningCertificate(berth.store(), "sdk-x509-group", intermediate.certificate(), "enabled");
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    /** Writes the device's chain and encrypted key as files and loads them like a device would. */
    private static X509Credential credentialFromFiles(TestPki.Issued device, String name) throws Exception {
        Path certificate = dir.resolve(name + ".chain.pem");
        Path key = dir.resolve(name + ".key.pem");
        PemFiles.writeCertificates(certificate, device.chain());
        PrivateKeyFiles.write(key, device.keys().getPrivate(), PASSWORD);
        assertThat(Files.readString(key)).contains("ENCRYPTED PRIVATE KEY");
        return X509Credential.fromPem(certificate, key, PASSWORD);
    }

    private static DeviceRegistrationResult register(ProvisioningTransport transport, String regId, X509Credential credential) {
        return ProvisioningDeviceClient.builder().host("localhost").port(SdkTransportProvisioningTest.port(berth, transport))
                .transport(transport).idScope(berth.idScope()).registrationId(regId).credential(credential)
                .trustedCa(TrustedCa.fromPemFile(berth.server().caCertificate())).build().register(TIMEOUT);
    }

    private static String name(ProvisioningTransport transport) {
        return transport.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void individual_self_signed_certificate_is_assigned(ProvisioningTransport transport) throws Exception {
        String regId = "sdk-x509-self-" + name(transport);
        TestPki.Issued device = TestPki.selfSignedDevice(regId);
        X509Enrollments.individual(berth.store(), regId, device.certificate(), "enabled");
        DeviceRegistrationResult result = register(transport, regId, credentialFromFiles(device, regId));
        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.deviceId()).isEqualTo(regId);
    }

    @ParameterizedTest
    @EnumSource(ProvisioningTransport.class)
    void group_device_with_leaf_and_intermediate_is_assigned(ProvisioningTransport transport) throws Exception {
        String regId = "sdk-x509-group-" + name(transport);
        TestPki.Issued device = TestPki.device(regId, intermediate);
        DeviceRegistrationResult result = register(transport, regId, credentialFromFiles(device, regId));
        assertThat(result.status()).as(String.valueOf(result)).isEqualTo(ProvisioningStatus.ASSIGNED);
        assertThat(result.assignedHub()).isIn(BerthTestServer.HUB, BerthTestServer.HUB_2);
    }

    @Test
    void unenrolled_certificate_comes_back_failed_with_the_servers_reason() throws Exception {
        TestPki.Issued device = TestPki.selfSignedDevice("sdk-x509-stranger");
        DeviceRegistrationResult result = register(ProvisioningTransport.MQTT, "sdk-x509-stranger", credentialFromFiles(device, "stranger"));
        assertThat(result.status()).isEqualTo(ProvisioningStatus.FAILED);
        assertThat(result.errorCode()).isEqualTo(401002);
        assertThat(result.errorMessage()).contains("no individual enrollment holds this certificate");
    }

    @Test
    void certificate_whose_cn_is_not_the_registration_id_is_refused_before_connecting() throws Exception {
        TestPki.Issued device = TestPki.selfSignedDevice("sdk-x509-real-cn");
        X509Credential credential = credentialFromFiles(device, "real-cn");
        assertThatThrownBy(() -> ProvisioningDeviceClient.create("localhost", berth.idScope(), "sdk-x509-other-id", credential,
                TrustedCa.fromPemFile(berth.server().caCertificate())))
                .hasMessageContaining("CN 'sdk-x509-real-cn'").hasMessageContaining("sdk-x509-other-id");
    }
}
