package dev.berth.server.allocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.pki.Certificates;
import java.util.List;

/**
 * What DPS posts to a custom allocation webhook (protocol.md §6): the matched enrollment without its
 * attestation secrets, the device's runtime context and the hubs the webhook may choose from.
 *
 * @param currentIotHubHostName the hub of an earlier registration, or null for a first registration
 * @param currentDeviceId       the device ID of an earlier registration, or null
 * @param payload               the device's custom payload, or null when it sent none
 * @param linkedHubs            the hubs the answer must choose from
 */
public record CustomAllocationRequest(EnrollmentMatch match, String registrationId, DeviceEvidence evidence,
        String currentIotHubHostName, String currentDeviceId, JsonNode payload, List<String> linkedHubs) {

    public CustomAllocationRequest {
        linkedHubs = List.copyOf(linkedHubs);
    }

    public ObjectNode toJson() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (match instanceof EnrollmentMatch.Individual individual) {
            body.set("individualEnrollment", withoutSecrets(Json.MAPPER.valueToTree(individual.enrollment())));
        } else {
            body.set("enrollmentGroup", withoutSecrets(Json.MAPPER.valueToTree(((EnrollmentMatch.Group) match).group())));
        }
        body.set("deviceRuntimeContext", runtimeContext());
        ArrayNode hubs = body.putArray("linkedHubs");
        linkedHubs.forEach(hubs::add);
        return body;
    }

    private ObjectNode runtimeContext() {
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.put("registrationId", registrationId);
        if (currentIotHubHostName != null) {
            context.put("currentIotHubHostName", currentIotHubHostName);
        }
        if (currentDeviceId != null) {
            context.put("currentDeviceId", currentDeviceId);
        }
        if (evidence instanceof DeviceEvidence.X509 x509) {
            context.set("x509", Json.MAPPER.valueToTree(Certificates.info(x509.leaf())));
        } else if (evidence instanceof DeviceEvidence.SymmetricKey) {
            // DPS sends an empty object: the webhook learns the attestation kind, never the key
            context.putObject("symmetricKey");
        }
        if (payload != null && !payload.isNull()) {
            context.set("payload", payload.deepCopy());
        }
        return context;
    }

    /** Keys, certificates and CA references stay in Berth; the webhook sees only the attestation type. */
    private static ObjectNode withoutSecrets(ObjectNode enrollment) {
        String type = enrollment.path("attestation").path("type").asText(null);
        ObjectNode attestation = enrollment.putObject("attestation");
        if (type != null) {
            attestation.put("type", type);
        }
        return enrollment;
    }
}
