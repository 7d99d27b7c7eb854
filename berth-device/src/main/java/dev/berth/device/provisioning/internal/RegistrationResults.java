package dev.berth.device.provisioning.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.device.provisioning.ProvisioningSubstatus;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.ProvisioningErrorDetails;
import dev.berth.protocol.dps.RegistrationOperationStatus;
import dev.berth.protocol.dps.RegistrationStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Turns the service's answers (operation status or error body) into the SDK's {@link DeviceRegistrationResult}. */
final class RegistrationResults {

    private RegistrationResults() {
    }

    /**
     * Reads a 200/202 body. Like the official Java SDK, a body without {@code operationId}/{@code status}
     * that carries an {@code errorCode} is taken as an error body.
     *
     * @return the operation status, or null when the body is an error body
     * @throws ProvisioningClientException (PROTOCOL_ERROR) when the body is neither
     */
    static RegistrationOperationStatus readOperationStatus(byte[] body) {
        JsonNode node = readTree(body, "operation status");
        if (node.hasNonNull("status") && node.hasNonNull("operationId")) {
            try {
                return Json.MAPPER.treeToValue(node, RegistrationOperationStatus.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw protocolError("the service's operation status could not be read: " + e.getMessage(), e);
            }
        }
        if (node.hasNonNull("errorCode")) {
            return null;
        }
        throw protocolError("the service's answer has no operationId and status: " + excerpt(body), null);
    }

    /** A final operation status as a result; assigned answers must name the hub and the device. */
    static DeviceRegistrationResult fromOperationStatus(RegistrationOperationStatus answer, String registrationId) {
        var state = answer.registrationState();
        ProvisioningStatus status = status(answer.status());
        if (status == ProvisioningStatus.ASSIGNED && (state == null || isBlank(state.assignedHub()) || isBlank(state.deviceId()))) {
            throw protocolError("the service answered 'assigned' without assignedHub and deviceId (operation "
                    + answer.operationId() + ")", null);
        }
        if (state == null) {
            return new DeviceRegistrationResult(status, registrationId, null, null, null, null,
                    missingReason(answer.status()), null, null, null, null, answer.operationId(), null);
        }
        String errorMessage = state.errorMessage();
        if (errorMessage == null && (status == ProvisioningStatus.FAILED || status == ProvisioningStatus.DISABLED)) {
            errorMessage = missingReason(answer.status());
        }
        return new DeviceRegistrationResult(status,
                state.registrationId() == null ? registrationId : state.registrationId(),
                state.assignedHub(), state.deviceId(),
                state.substatus() == null ? null : ProvisioningSubstatus.valueOf(state.substatus().name()),
                state.errorCode(), errorMessage,
                instant(state.createdDateTimeUtc()), instant(state.lastUpdatedDateTimeUtc()),
                state.etag(), payloadText(state.payload()), answer.operationId(), null);
    }

    /** An error answer ({@code res/4xx} or an error body) as a FAILED result carrying what the service said. */
    static DeviceRegistrationResult fromError(int topicStatus, byte[] body, String registrationId, String operationId) {
        ProvisioningErrorDetails details = null;
        if (body != null && body.length > 0) {
            try {
                details = Json.MAPPER.readValue(body, ProvisioningErrorDetails.class);
            } catch (java.io.IOException e) {
                // not an error body: still a refusal, described by its status alone
            }
        }
        Integer errorCode = details != null && details.errorCode() != null ? details.errorCode() : topicStatus * 1000;
        String message = details != null && !isBlank(details.message()) ? details.message()
                : "the service answered with status " + topicStatus + " and no error message";
        return new DeviceRegistrationResult(ProvisioningStatus.FAILED, registrationId, null, null, null,
                errorCode, message, null, null, null, null, operationId, details == null ? null : details.trackingId());
    }

    private static ProvisioningStatus status(RegistrationStatus status) {
        return ProvisioningStatus.valueOf(status.name());
    }

    private static String missingReason(RegistrationStatus status) {
        return status.isTerminal() && status != RegistrationStatus.ASSIGNED
                ? "the service reported status '" + status.wireName() + "' without saying why" : null;
    }

    private static Instant instant(String text) {
        try {
            return DpsTimestamps.parse(text);
        } catch (DateTimeParseException e) {
            return null; // a timestamp is informational; an odd format must not lose the assignment
        }
    }

    private static String payloadText(Object payload) {
        if (payload == null) {
            return null;
        }
        try {
            return Json.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static JsonNode readTree(byte[] body, String what) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : Json.MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw protocolError("the service's " + what + " is not a JSON object: " + excerpt(body), null);
            }
            return node;
        } catch (java.io.IOException e) {
            throw protocolError("the service's " + what + " is not valid JSON: " + excerpt(body), e);
        }
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty)";
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static ProvisioningClientException protocolError(String message, Throwable cause) {
        return new ProvisioningClientException(Reason.PROTOCOL_ERROR, message, cause);
    }
}
