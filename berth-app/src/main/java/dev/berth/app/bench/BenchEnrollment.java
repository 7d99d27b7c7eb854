package dev.berth.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.app.AppJson;
import dev.berth.app.CliException;
import dev.berth.app.ServiceApiClient;
import dev.berth.device.security.DeviceCredential;
import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.X509Credential;
import dev.berth.server.pki.CertificateIssuer;
import dev.berth.server.pki.KeyAlgorithm;
import dev.berth.server.pki.PemFiles;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's one enrollment group, created through the service API as an operator would, and the credentials of
 * its devices: keys derived from the group key, or certificates issued by a CA generated for this run (uploaded
 * inline as the group's signing certificate). Credentials are made before the clock starts.
 */
final class BenchEnrollment {
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(1);

    private final ServiceApiClient api;
    private final String groupId;
    private final Attestation attestation;
    private final String groupKey;
    private final KeyPair caKeys;
    private final X509Certificate ca;

    enum Attestation { KEY, X509 }

    private BenchEnrollment(ServiceApiClient api, String groupId, Attestation attestation, String groupKey, KeyPair caKeys,
                            X509Certificate ca) {
        this.api = api;
        this.groupId = groupId;
        this.attestation = attestation;
        this.groupKey = groupKey;
        this.caKeys = caKeys;
        this.ca = ca;
    }

    static BenchEnrollment create(ServiceApiClient api, String groupId, Attestation attestation) {
        ObjectNode group = AppJson.MAPPER.createObjectNode().put("enrollmentGroupId", groupId).put("provisioningStatus", "enabled");
        ObjectNode mechanism = group.putObject("attestation");
        if (attestation == Attestation.KEY) {
            mechanism.put("type", "symmetricKey"); // the server generates the keys
            JsonNode stored = api.put("/enrollmentGroups/" + ServiceApiClient.segment(groupId), group);
            String key = stored == null ? "" : stored.path("attestation").path("symmetricKey").path("primaryKey").asText("");
            if (key.isEmpty()) {
                throw new CliException("the service API created group '" + groupId + "' but returned no primary key");
            }
            return new BenchEnrollment(api, groupId, attestation, key, null, null);
        }
        KeyPair caKeys = KeyAlgorithm.EC_P256.generate();
        X509Certificate ca = CertificateIssuer.selfSignedCa(CertificateIssuer.commonName("Berth bench CA " + groupId), caKeys,
                CERTIFICATE_VALIDITY, 0);
        mechanism.put("type", "x509").putObject("x509").putObject("signingCertificates").putObject("primary")
                .put("certificate", PemFiles.toPem(ca));
        api.put("/enrollmentGroups/" + ServiceApiClient.segment(groupId), group);
        return new BenchEnrollment(api, groupId, attestation, null, caKeys, ca);
    }

    /** Registration IDs {@code {groupId}-device-{i}} with their credentials, i from 1. */
    List<BenchDevice> devices(int count) {
        List<BenchDevice> devices = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String registrationId = groupId + "-device-" + i;
            devices.add(new BenchDevice(registrationId, credential(registrationId)));
        }
        return devices;
    }

    private DeviceCredential credential(String registrationId) {
        if (attestation == Attestation.KEY) {
            return SymmetricKeyCredential.forGroupDevice(groupKey, registrationId);
        }
        KeyPair keys = KeyAlgorithm.EC_P256.generate();
        X509Certificate device = CertificateIssuer.clientCertificate(CertificateIssuer.commonName(registrationId), keys.getPublic(),
                ca, caKeys.getPrivate(), null, CERTIFICATE_VALIDITY);
        return X509Credential.of(keys.getPrivate(), List.of(device));
    }

    /** Removes the group (its devices' registration records stay, as they would in DPS). */
    void delete() {
        api.delete("/enrollmentGroups/" + ServiceApiClient.segment(groupId));
    }

    /** One simulated device. */
    record BenchDevice(String registrationId, DeviceCredential credential) {
    }
}
