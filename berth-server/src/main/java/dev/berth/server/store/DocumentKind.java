package dev.berth.server.store;

import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.time.Instant;
import java.util.function.Function;

/**
 * How one kind of enrollment document maps onto its table: individual enrollments and enrollment groups
 * are stored the same way, as JSON documents keyed by their lower-cased ID. {@code certificateOwnerKind} is how
 * the certificate index names the owner of an X.509 attestation's certificates.
 */
record DocumentKind<T>(
        String noun,
        String table,
        String keyColumn,
        String idColumn,
        Class<T> type,
        Function<T, String> id,
        Function<T, AttestationMechanism> attestation,
        StoreFields<T> storeFields,
        String certificateOwnerKind) {

    /** Returns the document with the fields the store owns replaced. */
    @FunctionalInterface
    interface StoreFields<T> {
        T with(T document, String etag, String created, String lastUpdated);
    }

    T stamped(T document, String etag, Instant created, Instant lastUpdated) {
        return storeFields.with(document, etag, DpsTimestamps.format(created), DpsTimestamps.format(lastUpdated));
    }

    String attestationType(T document) {
        AttestationMechanism mechanism = attestation.apply(document);
        return mechanism == null ? null : mechanism.type();
    }

    static final DocumentKind<IndividualEnrollment> ENROLLMENTS = new DocumentKind<>(
            "enrollment", "enrollments", "registration_key", "registration_id", IndividualEnrollment.class,
            IndividualEnrollment::registrationId, IndividualEnrollment::attestation,
            // registrationState is never stored: the API layer fills it from the registrations table.
            (e, etag, created, updated) -> new IndividualEnrollment(e.registrationId(), e.deviceId(), null,
                    e.optionalDeviceInformation(), e.attestation(), e.capabilities(), e.iotHubHostName(),
                    e.initialTwin(), etag, e.provisioningStatus(), e.reprovisionPolicy(), created, updated,
                    e.allocationPolicy(), e.iotHubs(), e.customAllocationDefinition()),
            CertificateOwner.INDIVIDUAL);

    static final DocumentKind<EnrollmentGroup> GROUPS = new DocumentKind<>(
            "enrollment group", "enrollment_groups", "group_key", "enrollment_group_id", EnrollmentGroup.class,
            EnrollmentGroup::enrollmentGroupId, EnrollmentGroup::attestation,
            (g, etag, created, updated) -> new EnrollmentGroup(g.enrollmentGroupId(), g.attestation(),
                    g.capabilities(), g.iotHubHostName(), g.initialTwin(), etag, g.provisioningStatus(),
                    g.reprovisionPolicy(), created, updated, g.allocationPolicy(), g.iotHubs(),
                    g.customAllocationDefinition()),
            CertificateOwner.GROUP);
}
