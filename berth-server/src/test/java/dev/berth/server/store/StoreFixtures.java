package dev.berth.server.store;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.DeviceRegistrationState;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.util.List;

/** Enrollments, groups, registrations and operations as the service API and device path would hand them in. */
final class StoreFixtures {
    static final String HUB = "hub-one.example.com";

    private StoreFixtures() {
    }

    static IndividualEnrollment enrollment(String registrationId) {
        return enrollment(registrationId, "device-of-" + registrationId);
    }

    static IndividualEnrollment enrollment(String registrationId, String deviceId) {
        return new IndividualEnrollment(registrationId, deviceId, null, null,
                AttestationMechanism.symmetricKey("cHJpbWFyeQ==", "c2Vjb25kYXJ5"), null, null, null, null, "enabled",
                null, null, null, "hashed", List.of(HUB), null);
    }

    /** What a client might send: store-owned fields filled with values the store must ignore. */
    static IndividualEnrollment enrollmentWithClientSuppliedStoreFields(String registrationId) {
        IndividualEnrollment e = enrollment(registrationId);
        DeviceRegistrationState state = new DeviceRegistrationState(registrationId, "2001-01-01T00:00:00.0000000Z",
                HUB, "x", RegistrationStatus.ASSIGNED, null, null, null, null, "\"old\"", null);
        return new IndividualEnrollment(e.registrationId(), e.deviceId(), state, null, e.attestation(), null, null,
                null, "\"client-etag\"", "enabled", null, "2001-01-01T00:00:00.0000000Z",
                "2001-01-01T00:00:00.0000000Z", "hashed", e.iotHubs(), null);
    }

    static EnrollmentGroup symmetricKeyGroup(String groupId, String provisioningStatus) {
        return new EnrollmentGroup(groupId, AttestationMechanism.symmetricKey("Z3JvdXAtcHJpbWFyeQ==", "Z3JvdXAtc2Vj"),
                null, null, null, null, provisioningStatus, null, null, null, "hashed", List.of(HUB), null);
    }

    static EnrollmentGroup x509Group(String groupId) {
        AttestationMechanism x509 = AttestationMechanism.x509(new dev.berth.protocol.service.X509Attestation(null,
                new dev.berth.protocol.service.X509Certificates(
                        new dev.berth.protocol.service.X509CertificateWithInfo("-----BEGIN CERTIFICATE-----", null), null), null));
        return new EnrollmentGroup(groupId, x509, null, null, null, null, "enabled", null, null, null, "static",
                List.of(HUB), null);
    }

    static Operation assigning(String operationId, String registrationId, Instant at) {
        return new Operation(operationId, registrationId, RegistrationStatus.ASSIGNING, at, at, null);
    }

    static Operation assigned(Operation operation, Instant at) {
        return new Operation(operation.operationId(), operation.registrationId(), RegistrationStatus.ASSIGNED,
                operation.createdAt(), at, "{\"operationId\":\"" + operation.operationId() + "\",\"status\":\"assigned\"}");
    }

    static RegistrationRecord assignedRecord(String registrationId, String deviceId, String groupId) {
        return new RegistrationRecord(registrationId, deviceId, HUB, RegistrationStatus.ASSIGNED,
                Substatus.INITIAL_ASSIGNMENT, null, null, null, null, null, "{\"answer\":42}", groupId);
    }

    static RegistrationRecord failedRecord(String registrationId) {
        return new RegistrationRecord(registrationId, null, null, RegistrationStatus.FAILED, null, 401002,
                "The enrollment is disabled", null, null, null, null, null);
    }
}
