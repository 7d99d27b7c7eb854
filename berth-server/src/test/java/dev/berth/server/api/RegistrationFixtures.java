package dev.berth.server.api;

import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import dev.berth.server.store.Operation;
import dev.berth.server.store.RegistrationRecord;
import dev.berth.server.store.RegistrationStore;
import java.time.Instant;
import java.util.UUID;

/** Registration states as the device path would leave them. */
final class RegistrationFixtures {

    private RegistrationFixtures() {
    }

    static RegistrationRecord register(RegistrationStore store, String registrationId, String groupId) {
        Instant now = Instant.now();
        RegistrationRecord record = new RegistrationRecord(registrationId, registrationId.toLowerCase(), "hub-a.example.com",
                RegistrationStatus.ASSIGNED, Substatus.INITIAL_ASSIGNMENT, null, null, null, now, null,
                "{\"answer\":42}", groupId);
        Operation operation = new Operation("4." + UUID.randomUUID(), registrationId, RegistrationStatus.ASSIGNED,
                now, now, "{}");
        return store.completeOperation(record, operation);
    }
}
