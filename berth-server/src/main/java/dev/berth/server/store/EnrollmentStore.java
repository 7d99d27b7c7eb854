package dev.berth.server.store;

import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.util.List;
import java.util.Optional;

/** The read side of enrollments, used on the device registration path. */
public interface EnrollmentStore {

    /** The individual enrollment of a registration ID, compared case-insensitively. */
    Optional<IndividualEnrollment> findEnrollment(String registrationId);

    Optional<EnrollmentGroup> findGroup(String enrollmentGroupId);

    /** Every enrollment group whose attestation is {@code symmetricKey}, enabled or not, ordered by ID. */
    List<EnrollmentGroup> symmetricKeyGroups();
}
