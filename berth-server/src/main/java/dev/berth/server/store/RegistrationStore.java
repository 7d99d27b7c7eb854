package dev.berth.server.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Registration states (read by devices and the service API) and the operations that produce them. */
public interface RegistrationStore {

    /** Compared case-insensitively. */
    Optional<RegistrationRecord> findRegistration(String registrationId);

    /**
     * The registrations of many IDs in one read (a listing page shows each enrollment's state).
     * @return by registration ID, looked up ignoring case as IDs compare; IDs without a registration are absent
     */
    Map<String, RegistrationRecord> findRegistrations(Collection<String> registrationIds);

    /**
     * Saves the registration state and completes its operation in one transaction: a device answered
     * {@code assigned} never loses its record. Two concurrent saves of the same registration ID end in
     * one record (the later one wins). Keeps the existing {@code createdAt}; stores the record's etag when it
     * brings a new one, else assigns a fresh one.
     *
     * @return the record as stored
     */
    RegistrationRecord completeOperation(RegistrationRecord record, Operation completed);

    /** @return false when there was nothing to delete. @throws PreconditionFailedException on an etag mismatch */
    boolean deleteRegistration(String registrationId, String ifMatch);

    /** Registrations made through an enrollment group, ordered by registration ID. */
    Page<RegistrationRecord> listRegistrationsOfGroup(String enrollmentGroupId, int maxItems, String continuation);

    void createOperation(Operation operation);

    Optional<Operation> findOperation(String operationId);

    /** Deletes operations last updated before the cutoff; returns how many. */
    int purgeOperations(java.time.Instant cutoff);
}
