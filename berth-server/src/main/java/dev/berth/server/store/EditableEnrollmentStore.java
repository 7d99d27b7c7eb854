package dev.berth.server.store;

import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;

/**
 * The write side of enrollments, used by the service API. The store owns {@code etag},
 * {@code createdDateTimeUtc} and {@code lastUpdatedDateTimeUtc}: values passed in are ignored, and the
 * returned record carries the stored ones. {@code ifMatch} is null or {@code *} for "any version".
 */
public interface EditableEnrollmentStore extends EnrollmentStore {

    /** Creates or replaces. @throws PreconditionFailedException when ifMatch names another version (or the enrollment does not exist and ifMatch is not null/*) */
    IndividualEnrollment putEnrollment(IndividualEnrollment enrollment, String ifMatch);

    /** @return false when there was nothing to delete. @throws PreconditionFailedException on an etag mismatch */
    boolean deleteEnrollment(String registrationId, String ifMatch);

    /** Ordered by registration ID; {@code continuation} is null for the first page. */
    Page<IndividualEnrollment> listEnrollments(int maxItems, String continuation);

    EnrollmentGroup putGroup(EnrollmentGroup group, String ifMatch);

    boolean deleteGroup(String enrollmentGroupId, String ifMatch);

    Page<EnrollmentGroup> listGroups(int maxItems, String continuation);
}
