package dev.berth.server.allocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.Json;
import java.util.List;

/**
 * A custom allocation webhook's answer (protocol.md §6), checked: the hub it chose (in the linked-hub
 * spelling), the initial twin that replaces the enrollment's (null = keep the enrollment's) and the JSON
 * object text returned to the device in {@code registrationState.payload} (null = none).
 */
public record CustomAllocationResponse(String iotHubHostName, InitialTwin initialTwin, String payloadJson) {

    /** @throws CustomAllocationException (400xxx) when the answer is not JSON or chooses no allowed hub */
    public static CustomAllocationResponse parse(String body, List<String> linkedHubs) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw invalid(DpsErrorCode.BAD_REQUEST, "the custom allocation webhook's answer is not valid JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw invalid(DpsErrorCode.BAD_REQUEST, "the custom allocation webhook must answer a JSON object with"
                    + " \"iotHubHostName\", not " + (root == null || root.isMissingNode() ? "an empty body" : root.getNodeType().name().toLowerCase()));
        }
        return new CustomAllocationResponse(hub(root.get("iotHubHostName"), linkedHubs), initialTwin(root.get("initialTwin")),
                payload(root.get("payload")));
    }

    private static String hub(JsonNode value, List<String> linkedHubs) {
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(DpsErrorCode.IOT_HUB_NOT_SPECIFIED, "the custom allocation webhook's answer has no \"iotHubHostName\";"
                    + " it must name one of " + linkedHubs);
        }
        String chosen = value.asText().strip();
        return linkedHubs.stream().filter(chosen::equalsIgnoreCase).findFirst().orElseThrow(() -> invalid(
                DpsErrorCode.IOT_HUB_NOT_SPECIFIED, "the custom allocation webhook chose the IoT hub '" + chosen
                        + "', which is not one of the hubs this enrollment may use " + linkedHubs));
    }

    private static InitialTwin initialTwin(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(DpsErrorCode.BAD_REQUEST, "the custom allocation webhook's \"initialTwin\" must be a JSON object"
                    + " {\"tags\":{...},\"properties\":{\"desired\":{...}}}, not " + value.getNodeType().name().toLowerCase());
        }
        try {
            return Json.MAPPER.treeToValue(value, InitialTwin.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw invalid(DpsErrorCode.BAD_REQUEST, "the custom allocation webhook's \"initialTwin\" is not a twin"
                    + " {\"tags\":{...},\"properties\":{\"desired\":{...}}}: " + e.getMessage());
        }
    }

    private static String payload(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(DpsErrorCode.BAD_REQUEST, "the custom allocation webhook's \"payload\" must be a JSON object"
                    + " (devices receive it as registrationState.payload), not " + value.getNodeType().name().toLowerCase());
        }
        return Json.write(value);
    }

    private static CustomAllocationException invalid(DpsErrorCode code, String message) {
        return new CustomAllocationException(code, message);
    }
}
