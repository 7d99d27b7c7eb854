package dev.berth.hub.registry;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.pki.Certificates;
import dev.berth.server.pki.PemFiles;

/**
 * The hub identity a provisioned device gets from what it attested with: a symmetric key → {@code sas} with
 * that key as primary and secondary (the device signs its hub tokens with it); an individual X.509 certificate →
 * {@code selfSigned} with the leaf's SHA-256 thumbprint; a group X.509 certificate → {@code certificateAuthority}
 * anchored at the group's signing CA.
 */
record HubIdentity(String type, String key, String thumbprint, String caCertificatePem) {

    static HubIdentity of(DeviceEvidence evidence) {
        if (evidence instanceof DeviceEvidence.SymmetricKey symmetric) {
            return new HubIdentity(DeviceRecord.SAS, symmetric.key(), null, null);
        }
        DeviceEvidence.X509 x509 = (DeviceEvidence.X509) evidence;
        if (x509.signer() == null) {
            return new HubIdentity(DeviceRecord.SELF_SIGNED, null, Certificates.sha256Thumbprint(x509.leaf()), null);
        }
        return new HubIdentity(DeviceRecord.CERTIFICATE_AUTHORITY, null, null, PemFiles.toPem(x509.signer()));
    }

    /** The record to store, keeping the hub-side status the operator may have set. */
    DeviceRecord record(String deviceId, boolean iotEdge, DeviceRecord current) {
        String status = current == null ? "enabled" : current.status();
        String reason = current == null ? null : current.statusReason();
        return new DeviceRecord(deviceId, null, null, status, reason, type, key, key, thumbprint, thumbprint, caCertificatePem,
                iotEdge, null, null);
    }

    boolean sameCredentials(DeviceRecord current) {
        return type.equals(current.authenticationType()) && java.util.Objects.equals(key, current.primaryKey())
                && java.util.Objects.equals(key, current.secondaryKey())
                && java.util.Objects.equals(thumbprint, current.primaryThumbprint())
                && java.util.Objects.equals(caCertificatePem, current.caCertificatePem());
    }
}
