package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.EditableEnrollmentStore;
import dev.berth.server.store.Page;

/** {@code /enrollmentGroups/{enrollmentGroupId}}. Runs on a worker thread (the store blocks). */
final class GroupResource {
    private final EditableEnrollmentStore enrollments;
    private final EnrollmentValidator validator;

    GroupResource(EditableEnrollmentStore enrollments, EnrollmentValidator validator) {
        this.enrollments = enrollments;
        this.validator = validator;
    }

    ServiceResponse put(ServiceRequest request) {
        EnrollmentGroup stored = enrollments.putGroup(validator.group(request.id(), request.body()), request.ifMatch());
        return ServiceResponse.ok(stored, stored.etag());
    }

    ServiceResponse get(ServiceRequest request) {
        EnrollmentGroup stored = find(request.id());
        return ServiceResponse.ok(stored, stored.etag());
    }

    ServiceResponse delete(ServiceRequest request) {
        if (!enrollments.deleteGroup(request.id(), request.ifMatch())) {
            throw notFound(request.id());
        }
        return ServiceResponse.noContent();
    }

    ServiceResponse attestationMechanism(ServiceRequest request) {
        return ServiceResponse.ok(find(request.id()).attestation());
    }

    ServiceResponse query(ServiceRequest request) {
        QueryPaging.requireSelectAll(request.body(), "enrollmentGroups");
        int pageSize = QueryPaging.pageSize(request.maxItemCount());
        Page<EnrollmentGroup> page = QueryPaging.list(() -> enrollments.listGroups(pageSize, request.continuation()));
        return ServiceResponse.page(page.items(), "enrollmentGroup", pageSize, page.continuation());
    }

    /** Enrollment groups as bulk calls see them. */
    BulkOperations.Kind bulkKind() {
        return new BulkOperations.Kind() {
            @Override
            public String listField() {
                return "enrollmentGroups";
            }

            @Override
            public String idField() {
                return "enrollmentGroupId";
            }

            @Override
            public void put(String id, JsonNode item, String ifMatch) {
                enrollments.putGroup(validator.group(id, item), ifMatch);
            }

            @Override
            public boolean delete(String id, String ifMatch) {
                return enrollments.deleteGroup(id, ifMatch);
            }
        };
    }

    private EnrollmentGroup find(String groupId) {
        return enrollments.findGroup(groupId).orElseThrow(() -> notFound(groupId));
    }

    static ProvisioningException notFound(String groupId) {
        return new ProvisioningException(DpsErrorCode.ENROLLMENT_NOT_FOUND,
                "there is no enrollment group with ID '" + groupId + "'");
    }
}
