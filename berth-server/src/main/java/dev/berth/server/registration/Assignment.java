package dev.berth.server.registration;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import dev.berth.protocol.service.ReprovisionPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.allocation.CustomAllocationClient;
import dev.berth.server.allocation.HubAllocator;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.store.RegistrationRecord;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides the outcome of one register request: disabled, failed (no hub) or assigned to a hub, with the
 * device ID and the substatus that reprovisioning rules give. Pure apart from reading the linked hubs and,
 * for the {@code custom} policy, calling the enrollment's webhook.
 */
public final class Assignment {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The outcome, and the webhook's initial twin that replaces the enrollment's (null = the enrollment's). */
    public record Decision(RegistrationRecord record, InitialTwin initialTwin) {
    }

    private final HubAllocator allocator;
    private final Supplier<List<String>> linkedHubs;
    private final CustomAssignment custom;

    public Assignment(HubAllocator allocator, Supplier<List<String>> linkedHubs, CustomAllocationClient customAllocation) {
        this.allocator = allocator;
        this.linkedHubs = linkedHubs;
        this.custom = new CustomAssignment(customAllocation);
    }

    /** @param payload the device's custom payload (passed to a custom allocation webhook), or null */
    public Decision decide(AuthenticatedDevice device, JsonNode payload, EnrollmentMatch match, RegistrationRecord previous, Instant now) {
        String registrationId = device.registrationId();
        String groupId = match instanceof EnrollmentMatch.Group g ? g.group().enrollmentGroupId() : null;
        Instant created = previous == null ? now : previous.createdAt();
        String keptHub = previous == null ? null : previous.assignedHub();
        String keptDevice = previous == null ? null : previous.deviceId();
        if (!match.enabled()) {
            return new Decision(new RegistrationRecord(registrationId, keptDevice, keptHub, RegistrationStatus.DISABLED, null,
                    DpsErrorCode.ENROLLMENT_DISABLED.code(), match.describe() + " is disabled; set its provisioningStatus to"
                    + " 'enabled' to let this device register", created, now, newEtag(), null, groupId), null);
        }
        List<String> candidates = HubAllocator.candidates(match.iotHubs(), linkedHubs.get());
        boolean keepsHub = keepsPreviousHub(match, previous, candidates);
        boolean webhook = "custom".equalsIgnoreCase(match.allocationPolicy());
        // under "never reprovision" the webhook is still called (to refresh the payload) but may only keep the hub
        Optional<String> hub = keepsHub ? Optional.of(previous.assignedHub())
                : webhook ? candidates.stream().findFirst() : allocator.allocate(registrationId, match.allocationPolicy(), candidates);
        if (hub.isEmpty()) {
            return new Decision(new RegistrationRecord(registrationId, keptDevice, keptHub, RegistrationStatus.FAILED, null,
                    DpsErrorCode.IOT_HUB_NOT_SPECIFIED.code(), "none of the IoT hubs of " + match.describe() + " " + match.iotHubs()
                    + " is linked to this provisioning service " + linkedHubs.get() + "; link a hub or change the enrollment",
                    created, now, newEtag(), null, groupId), null);
        }
        String deviceId = deviceId(registrationId, match);
        RegistrationRecord assigned = new RegistrationRecord(registrationId, deviceId, hub.get(), RegistrationStatus.ASSIGNED,
                substatus(match, previous, hub.get()), null, null, created, now, newEtag(), null, groupId);
        if (webhook) {
            return custom.decide(device, payload, match, previous, keepsHub ? List.of(previous.assignedHub()) : candidates, assigned);
        }
        return new Decision(assigned, null);
    }

    private static boolean keepsPreviousHub(EnrollmentMatch match, RegistrationRecord previous, List<String> candidates) {
        return previous != null && previous.assignedHub() != null && !policy(match).updateHubAssignment()
                && candidates.stream().anyMatch(h -> h.equalsIgnoreCase(previous.assignedHub()));
    }

    static Substatus substatus(EnrollmentMatch match, RegistrationRecord previous, String hub) {
        if (previous == null || previous.assignedHub() == null || previous.assignedHub().equalsIgnoreCase(hub)) {
            return Substatus.INITIAL_ASSIGNMENT;
        }
        return policy(match).migrateDeviceData() ? Substatus.DEVICE_DATA_MIGRATED : Substatus.DEVICE_DATA_RESET;
    }

    private static ReprovisionPolicy policy(EnrollmentMatch match) {
        ReprovisionPolicy policy = match.reprovisionPolicy();
        return policy == null ? ReprovisionPolicy.DEFAULT : policy;
    }

    /** An individual enrollment may name the device ID; otherwise it is the registration ID. */
    private static String deviceId(String registrationId, EnrollmentMatch match) {
        if (match instanceof EnrollmentMatch.Individual i && i.enrollment().deviceId() != null && !i.enrollment().deviceId().isBlank()) {
            return i.enrollment().deviceId();
        }
        return registrationId;
    }

    /** Turns an outcome {@code failed} after the decision: the device keeps the device ID and hub of its previous registration. */
    static RegistrationRecord failed(RegistrationRecord outcome, RegistrationRecord previous, DpsErrorCode code, String message) {
        return new RegistrationRecord(outcome.registrationId(), previous == null ? null : previous.deviceId(),
                previous == null ? null : previous.assignedHub(), RegistrationStatus.FAILED, null, code.code(), message,
                outcome.createdAt(), outcome.lastUpdatedAt(), outcome.etag(), null, outcome.enrollmentGroupId());
    }

    static String newEtag() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "\"" + HexFormat.of().formatHex(bytes) + "\"";
    }
}
