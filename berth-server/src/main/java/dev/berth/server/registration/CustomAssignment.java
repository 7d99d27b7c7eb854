package dev.berth.server.registration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.server.allocation.CustomAllocationClient;
import dev.berth.server.allocation.CustomAllocationException;
import dev.berth.server.allocation.CustomAllocationRequest;
import dev.berth.server.allocation.CustomAllocationResponse;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.store.RegistrationRecord;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code custom} allocation policy: the enrollment's webhook chooses the hub among {@code offered} and may
 * return a payload for the device and an initial twin. A webhook failure ends the registration {@code failed}
 * with the reason, so an operator sees it on the registration state as well as in the log.
 */
final class CustomAssignment {
    private static final Logger LOG = LoggerFactory.getLogger(CustomAssignment.class);

    private final CustomAllocationClient client;

    CustomAssignment(CustomAllocationClient client) {
        this.client = client;
    }

    /** @param outcome the assigned record a built-in policy would give; hub and payload are replaced */
    Assignment.Decision decide(AuthenticatedDevice device, JsonNode payload, EnrollmentMatch match, RegistrationRecord previous,
            List<String> offered, RegistrationRecord outcome) {
        CustomAllocationDefinition definition = match.customAllocationDefinition();
        if (definition == null || definition.webhookUrl() == null || definition.webhookUrl().isBlank()) {
            return failed(outcome, previous, DpsErrorCode.INVALID_ENROLLMENT, match.describe() + " has allocationPolicy 'custom'"
                    + " but no customAllocationDefinition.webhookUrl; set one or choose another allocation policy");
        }
        boolean reregistration = previous != null && previous.assignedHub() != null;
        var request = new CustomAllocationRequest(match, device.registrationId(), device.evidence(),
                reregistration ? previous.assignedHub() : null, reregistration ? previous.deviceId() : null, payload, offered);
        try {
            CustomAllocationResponse answer = client.allocate(definition.webhookUrl(), request);
            RegistrationRecord assigned = new RegistrationRecord(outcome.registrationId(), outcome.deviceId(), answer.iotHubHostName(),
                    RegistrationStatus.ASSIGNED, Assignment.substatus(match, previous, answer.iotHubHostName()), null, null,
                    outcome.createdAt(), outcome.lastUpdatedAt(), outcome.etag(), answer.payloadJson(), outcome.enrollmentGroupId());
            return new Assignment.Decision(assigned, answer.initialTwin());
        } catch (CustomAllocationException e) {
            LOG.warn("Registration '{}' of {} failed: {}", device.registrationId(), match.describe(), e.getMessage());
            return failed(outcome, previous, e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            // URI.create on a URL stored before validation existed, or written to the store directly
            return failed(outcome, previous, DpsErrorCode.INVALID_ENROLLMENT, match.describe()
                    + " has a customAllocationDefinition.webhookUrl that is not a valid URL: " + e.getMessage());
        }
    }

    private static Assignment.Decision failed(RegistrationRecord outcome, RegistrationRecord previous, DpsErrorCode code, String message) {
        return new Assignment.Decision(Assignment.failed(outcome, previous, code, message), null);
    }
}
