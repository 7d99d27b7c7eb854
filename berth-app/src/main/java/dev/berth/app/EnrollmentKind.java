package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Individual enrollments and enrollment groups differ, for the CLI, only in names and table columns. */
enum EnrollmentKind {
    INDIVIDUAL("enrollments", "registrationId", "individual enrollment"),
    GROUP("enrollmentGroups", "enrollmentGroupId", "enrollment group");

    final String collection;
    final String idField;
    final String noun;

    EnrollmentKind(String collection, String idField, String noun) {
        this.collection = collection;
        this.idField = idField;
        this.noun = noun;
    }

    String path(String id) {
        return "/" + collection + "/" + ServiceApiClient.segment(id);
    }

    TextTable table(Iterable<JsonNode> items) {
        TextTable table = this == INDIVIDUAL
                ? new TextTable("REGISTRATION ID", "DEVICE ID", "ATTESTATION", "STATUS", "ALLOCATION", "HUBS", "REGISTRATION",
                        "ASSIGNED HUB", "CERTIFICATE")
                : new TextTable("GROUP ID", "ATTESTATION", "STATUS", "ALLOCATION", "HUBS", "CREATED (UTC)", "CERTIFICATE");
        for (JsonNode item : items) {
            if (this == INDIVIDUAL) {
                JsonNode state = item.path("registrationState");
                table.row(text(item, "registrationId"), text(item, "deviceId"), AttestationSummary.type(item),
                        text(item, "provisioningStatus"), text(item, "allocationPolicy"), hubs(item), text(state, "status"),
                        text(state, "assignedHub"), AttestationSummary.cell(item));
            } else {
                table.row(text(item, "enrollmentGroupId"), AttestationSummary.type(item), text(item, "provisioningStatus"),
                        text(item, "allocationPolicy"), hubs(item), text(item, "createdDateTimeUtc"), AttestationSummary.cell(item));
            }
        }
        return table;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    static String hubs(JsonNode item) {
        List<String> hubs = new ArrayList<>();
        item.path("iotHubs").forEach(hub -> hubs.add(hub.asText()));
        return hubs.isEmpty() ? "(all linked)" : String.join(",", hubs);
    }
}
