package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.EditableEnrollmentStore;
import dev.berth.server.store.Page;
import dev.berth.server.store.RegistrationRecord;
import dev.berth.server.store.RegistrationStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /enrollments/{registrationId}}: individual enrollments. Runs on a worker thread (the store blocks). */
final class EnrollmentResource {
    private final EditableEnrollmentStore enrollments;
    private final RegistrationStore registrations;
    private final EnrollmentValidator validator;

    EnrollmentResource(EditableEnrollmentStore enrollments, RegistrationStore registrations, EnrollmentValidator validator) {
        this.enrollments = enrollments;
        this.registrations = registrations;
        this.validator = validator;
    }

    ServiceResponse put(ServiceRequest request) {
        IndividualEnrollment enrollment = validator.individual(request.id(), request.body());
        IndividualEnrollment stored = withRegistrationState(enrollments.putEnrollment(enrollment, request.ifMatch()));
        return ServiceResponse.ok(stored, stored.etag());
    }

    ServiceResponse get(ServiceRequest request) {
        IndividualEnrollment stored = withRegistrationState(find(request.id()));
        return ServiceResponse.ok(stored, stored.etag());
    }

    ServiceResponse delete(ServiceRequest request) {
        if (!enrollments.deleteEnrollment(request.id(), request.ifMatch())) {
            throw notFound(request.id());
        }
        return ServiceResponse.noContent();
    }

    ServiceResponse attestationMechanism(ServiceRequest request) {
        return ServiceResponse.ok(find(request.id()).attestation());
    }

    ServiceResponse query(ServiceRequest request) {
        QueryPaging.requireSelectAll(request.body(), "enrollments");
        int pageSize = QueryPaging.pageSize(request.maxItemCount());
        Page<IndividualEnrollment> page = QueryPaging.list(
                () -> enrollments.listEnrollments(pageSize, request.continuation()));
        Map<String, RegistrationRecord> states = registrations.findRegistrations(
                page.items().stream().map(IndividualEnrollment::registrationId).toList());
        List<IndividualEnrollment> items = page.items().stream()
                .map(e -> withRegistrationState(e, Optional.ofNullable(states.get(e.registrationId()))))
                .toList();
        return ServiceResponse.page(items, "enrollment", pageSize, page.continuation());
    }

    /** Individual enrollments as bulk calls see them. */
    BulkOperations.Kind bulkKind() {
        return new BulkOperations.Kind() {
            @Override
            public String listField() {
                return "enrollments";
            }

            @Override
            public String idField() {
                return "registrationId";
            }

            @Override
            public void put(String id, JsonNode item, String ifMatch) {
                enrollments.putEnrollment(validator.individual(id, item), ifMatch);
            }

            @Override
            public boolean delete(String id, String ifMatch) {
                return enrollments.deleteEnrollment(id, ifMatch);
            }
        };
    }

    private IndividualEnrollment find(String registrationId) {
        return enrollments.findEnrollment(registrationId).orElseThrow(() -> notFound(registrationId));
    }

    /** The registrations table is the truth about the device; the enrollment shows it read-only. */
    private IndividualEnrollment withRegistrationState(IndividualEnrollment e) {
        return withRegistrationState(e, registrations.findRegistration(e.registrationId()));
    }

    private static IndividualEnrollment withRegistrationState(IndividualEnrollment e, Optional<RegistrationRecord> state) {
        return state
                .map(record -> new IndividualEnrollment(e.registrationId(), e.deviceId(), RegistrationStates.toWire(record),
                        e.optionalDeviceInformation(), e.attestation(), e.capabilities(), e.iotHubHostName(),
                        e.initialTwin(), e.etag(), e.provisioningStatus(), e.reprovisionPolicy(),
                        e.createdDateTimeUtc(), e.lastUpdatedDateTimeUtc(), e.allocationPolicy(), e.iotHubs(),
                        e.customAllocationDefinition()))
                .orElse(e);
    }

    static ProvisioningException notFound(String registrationId) {
        return new ProvisioningException(DpsErrorCode.ENROLLMENT_NOT_FOUND,
                "there is no individual enrollment with registration ID '" + registrationId + "'");
    }
}
