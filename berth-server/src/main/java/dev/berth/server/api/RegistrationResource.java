package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.DeviceRegistrationState;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.Page;
import dev.berth.server.store.RegistrationRecord;
import dev.berth.server.store.RegistrationStore;
import java.util.List;

/** {@code /registrations/{registrationId}}: the registration state devices produced. Runs on a worker thread. */
final class RegistrationResource {
    private final RegistrationStore registrations;

    RegistrationResource(RegistrationStore registrations) {
        this.registrations = registrations;
    }

    ServiceResponse get(ServiceRequest request) {
        DeviceRegistrationState state = registrations.findRegistration(request.id())
                .map(RegistrationStates::toWire)
                .orElseThrow(() -> notFound(request.id()));
        return ServiceResponse.ok(state, state.etag());
    }

    ServiceResponse delete(ServiceRequest request) {
        if (!registrations.deleteRegistration(request.id(), request.ifMatch())) {
            throw notFound(request.id());
        }
        return ServiceResponse.noContent();
    }

    /** The registrations made through one enrollment group; the query text, if any, is not needed. */
    ServiceResponse queryOfGroup(ServiceRequest request) {
        int pageSize = QueryPaging.pageSize(request.maxItemCount());
        Page<RegistrationRecord> page = QueryPaging.list(
                () -> registrations.listRegistrationsOfGroup(request.id(), pageSize, request.continuation()));
        List<DeviceRegistrationState> items = page.items().stream().map(RegistrationStates::toWire).toList();
        return ServiceResponse.page(items, "deviceRegistration", pageSize, page.continuation());
    }

    private static ProvisioningException notFound(String registrationId) {
        return new ProvisioningException(DpsErrorCode.REGISTRATION_NOT_FOUND,
                "there is no registration state for registration ID '" + registrationId
                        + "'; the device has not registered yet, or its state was deleted");
    }
}
