package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.DeviceCapabilities;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.ReprovisionPolicy;
import dev.berth.server.ProvisioningException;
import java.util.List;
import java.util.Locale;

/**
 * Turns a PUT body into the enrollment to store: checks every field with a message that says what to fix,
 * fills the defaults (enabled, hashed over all linked hubs, no edge, reprovision and migrate, generated keys,
 * certificate info)
 * and drops the read-only fields clients send back after a GET (etag, timestamps, registrationState).
 */
final class EnrollmentValidator {
    private static final List<String> READ_ONLY = List.of("registrationState", "etag", "createdDateTimeUtc",
            "lastUpdatedDateTimeUtc");
    private static final List<String> OBJECT_FIELDS = List.of("attestation", "capabilities", "initialTwin",
            "reprovisionPolicy", "optionalDeviceInformation", "customAllocationDefinition");

    private final AttestationRules attestationRules;
    private final HubSelection hubSelection;

    EnrollmentValidator(AttestationRules attestationRules, HubSelection hubSelection) {
        this.attestationRules = attestationRules;
        this.hubSelection = hubSelection;
    }

    IndividualEnrollment individual(String pathId, JsonNode body) {
        ObjectNode json = cleaned(body, "an individual enrollment with at least \"attestation\"");
        IndividualEnrollment in = RequestJson.bind(json, IndividualEnrollment.class, DpsErrorCode.INVALID_ENROLLMENT);
        String id = matchingId(pathId, in.registrationId(), "registrationId");
        Identifiers.requireRegistrationId(id);
        Identifiers.requireDeviceId(in.deviceId());
        AttestationMechanism attestation = attestationRules.individual(in.attestation(), id);
        HubSelection.Result hubs = hubSelection.resolve(in.allocationPolicy(), in.iotHubs(), in.iotHubHostName());
        return new IndividualEnrollment(id, in.deviceId(), null, in.optionalDeviceInformation(), attestation,
                capabilities(in.capabilities()), null, in.initialTwin(), null, provisioningStatus(in.provisioningStatus()),
                reprovisionPolicy(in.reprovisionPolicy()), null, null, hubs.allocationPolicy(), hubs.iotHubs(),
                CustomAllocationRules.resolve(hubs.allocationPolicy(), in.customAllocationDefinition()));
    }

    EnrollmentGroup group(String pathId, JsonNode body) {
        ObjectNode json = cleaned(body, "an enrollment group with at least \"attestation\"");
        EnrollmentGroup in = RequestJson.bind(json, EnrollmentGroup.class, DpsErrorCode.INVALID_ENROLLMENT);
        String id = matchingId(pathId, in.enrollmentGroupId(), "enrollmentGroupId");
        Identifiers.requireGroupId(id);
        AttestationMechanism attestation = attestationRules.group(in.attestation());
        HubSelection.Result hubs = hubSelection.resolve(in.allocationPolicy(), in.iotHubs(), in.iotHubHostName());
        return new EnrollmentGroup(id, attestation, capabilities(in.capabilities()), null, in.initialTwin(), null,
                provisioningStatus(in.provisioningStatus()), reprovisionPolicy(in.reprovisionPolicy()), null, null,
                hubs.allocationPolicy(), hubs.iotHubs(), CustomAllocationRules.resolve(hubs.allocationPolicy(),
                in.customAllocationDefinition()));
    }

    private static ObjectNode cleaned(JsonNode body, String expected) {
        ObjectNode json = RequestJson.requireObject(body, expected).deepCopy();
        json.remove(READ_ONLY);
        for (String field : OBJECT_FIELDS) {
            JsonNode value = json.get(field);
            if (value != null && !value.isNull() && !value.isObject()) {
                throw new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT,
                        "the field '" + field + "' must be a JSON object, not " + RequestJson.kind(value));
            }
        }
        if (json.get("reprovisionPolicy") instanceof ObjectNode policy) {
            // both flags default to true in DPS; a policy that names only one keeps the other's default
            policy.putIfAbsent("updateHubAssignment", BooleanNode.TRUE);
            policy.putIfAbsent("migrateDeviceData", BooleanNode.TRUE);
        }
        return json;
    }

    /** The body's ID wins for its spelling; it must name the same enrollment as the path (case-insensitively). */
    private static String matchingId(String pathId, String bodyId, String field) {
        if (bodyId == null || bodyId.isEmpty()) {
            return pathId;
        }
        if (!bodyId.equalsIgnoreCase(pathId)) {
            throw new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, "the body's " + field + " '" + bodyId
                    + "' differs from the ID in the path '" + pathId + "'; send the same ID in both, or leave it out of the body");
        }
        return bodyId;
    }

    private static String provisioningStatus(String status) {
        if (status == null || status.isBlank()) {
            return "enabled";
        }
        String value = status.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("enabled") && !value.equals("disabled")) {
            throw new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT,
                    "provisioningStatus '" + status + "' is unknown; use enabled (the default) or disabled");
        }
        return value;
    }

    private static DeviceCapabilities capabilities(DeviceCapabilities capabilities) {
        return capabilities == null ? DeviceCapabilities.NONE : capabilities;
    }

    private static ReprovisionPolicy reprovisionPolicy(ReprovisionPolicy policy) {
        return policy == null ? ReprovisionPolicy.DEFAULT : policy;
    }
}
