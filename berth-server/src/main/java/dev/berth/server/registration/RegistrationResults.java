package dev.berth.server.registration;

import dev.berth.protocol.dps.DeviceRegistrationResult;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.SymmetricKeyRegistrationResult;
import dev.berth.protocol.service.DeviceRegistrationState;
import dev.berth.server.Json;
import dev.berth.server.store.RegistrationRecord;
import java.util.Map;

/** Maps a stored registration to the device's and the service API's view of it. */
public final class RegistrationResults {
    private RegistrationResults() {
    }

    public static DeviceRegistrationResult toDeviceResult(RegistrationRecord r) {
        return new DeviceRegistrationResult(r.registrationId(), DpsTimestamps.format(r.createdAt()), r.assignedHub(),
                r.deviceId(), r.status(), r.substatus(), r.errorCode(), r.errorMessage(),
                DpsTimestamps.format(r.lastUpdatedAt()), r.etag(),
                r.enrollmentGroupId() == null ? null : new SymmetricKeyRegistrationResult(r.enrollmentGroupId()),
                null, payload(r));
    }

    public static DeviceRegistrationState toServiceState(RegistrationRecord r) {
        return new DeviceRegistrationState(r.registrationId(), DpsTimestamps.format(r.createdAt()), r.assignedHub(),
                r.deviceId(), r.status(), r.substatus(), r.errorCode(), r.errorMessage(),
                DpsTimestamps.format(r.lastUpdatedAt()), r.etag(), payload(r));
    }

    private static Object payload(RegistrationRecord r) {
        return r.payloadJson() == null ? null : Json.read(r.payloadJson(), Map.class);
    }
}
