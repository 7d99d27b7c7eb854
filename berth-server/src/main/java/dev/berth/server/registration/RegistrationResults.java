package dev.berth.server.registration;

import dev.berth.protocol.dps.DeviceRegistrationResult;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.SymmetricKeyRegistrationResult;
import dev.berth.protocol.dps.X509RegistrationResult;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.pki.Certificates;
import dev.berth.server.Json;
import dev.berth.server.store.RegistrationRecord;
import java.util.Map;

/** Maps a stored registration to the device's view of it (the service API's view is {@code api.RegistrationStates}). */
public final class RegistrationResults {
    private RegistrationResults() {
    }

    /** Without the evidence (e.g. a status lookup), a group registration is reported as symmetric-key. */
    public static DeviceRegistrationResult toDeviceResult(RegistrationRecord r) {
        return toDeviceResult(r, null);
    }

    /** X.509 devices get {@code x509} with the certificate facts; symmetric-key group devices get {@code symmetricKey}. */
    public static DeviceRegistrationResult toDeviceResult(RegistrationRecord r, DeviceEvidence evidence) {
        SymmetricKeyRegistrationResult symmetricKey = null;
        X509RegistrationResult x509 = null;
        if (evidence instanceof DeviceEvidence.X509 certificate) {
            x509 = new X509RegistrationResult(Certificates.info(certificate.leaf()), r.enrollmentGroupId(),
                    certificate.signer() == null ? null : Certificates.info(certificate.signer()));
        } else if (r.enrollmentGroupId() != null) {
            symmetricKey = new SymmetricKeyRegistrationResult(r.enrollmentGroupId());
        }
        return new DeviceRegistrationResult(r.registrationId(), DpsTimestamps.format(r.createdAt()), r.assignedHub(),
                r.deviceId(), r.status(), r.substatus(), r.errorCode(), r.errorMessage(),
                DpsTimestamps.format(r.lastUpdatedAt()), r.etag(), symmetricKey, x509, payload(r));
    }

    private static Object payload(RegistrationRecord r) {
        return r.payloadJson() == null ? null : Json.read(r.payloadJson(), Map.class);
    }
}
