package dev.berth.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.service.DeviceRegistrationState;
import dev.berth.server.Json;
import dev.berth.server.store.RegistrationRecord;

/** Stored registration records in the service API's {@code DeviceRegistrationState} shape. */
final class RegistrationStates {

    private RegistrationStates() {
    }

    static DeviceRegistrationState toWire(RegistrationRecord record) {
        return new DeviceRegistrationState(record.registrationId(), DpsTimestamps.format(record.createdAt()),
                record.assignedHub(), record.deviceId(), record.status(), record.substatus(), record.errorCode(),
                record.errorMessage(), DpsTimestamps.format(record.lastUpdatedAt()), record.etag(),
                payload(record.payloadJson()));
    }

    /** The stored payload is JSON object text; a record that somehow is not stays out of the answer. */
    private static Object payload(String payloadJson) {
        if (payloadJson == null || payloadJson.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(payloadJson);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
