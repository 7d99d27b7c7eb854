package dev.berth.hub.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.store.HubStore;
import dev.berth.hub.store.TwinRecord;
import dev.berth.hub.store.TwinTooLargeException;
import dev.berth.protocol.hub.HubTopics;
import dev.berth.server.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The twin operations a device makes over MQTT, turned into the answer topic and body. Blocking (store);
 * never throws for bad input: a bad patch is answered with 400 and a JSON body that says why.
 */
final class TwinRequests {
    /** The answer to publish on {@code $iothub/twin/res/…}. */
    record Answer(int status, String topic, byte[] body) {
    }

    private final HubStore store;

    TwinRequests(HubStore store) {
        this.store = store;
    }

    Answer get(String deviceId, String rid) {
        TwinRecord twin = store.findTwin(deviceId).orElse(null);
        if (twin == null) {
            return error(404, rid, "device '" + deviceId + "' has no twin");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("desired", withVersion(twin.desired(), twin.desiredVersion()));
        body.set("reported", withVersion(twin.reported(), twin.reportedVersion()));
        return new Answer(200, HubTopics.twinResponse(200, rid), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** A reported-properties patch: a JSON object whose {@code null} values delete keys. */
    Answer patchReported(String deviceId, String rid, byte[] payload) {
        JsonNode patch;
        try {
            patch = payload.length == 0 ? null : Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            return error(400, rid, "the reported-properties patch is not JSON: " + e.getMessage());
        }
        if (!(patch instanceof ObjectNode object)) {
            return error(400, rid, "the reported-properties patch must be a JSON object, got "
                    + (patch == null ? "an empty body" : patch.getNodeType().toString().toLowerCase()));
        }
        object.remove("$version"); // some SDKs send the version they last saw; the hub owns it
        try {
            TwinRecord twin = store.patchReported(deviceId, object);
            return new Answer(204, HubTopics.twinReportedAccepted(rid, twin.reportedVersion()), new byte[0]);
        } catch (TwinTooLargeException | IllegalArgumentException e) {
            return error(400, rid, e.getMessage()); // too large, or a name/depth the twin rules forbid
        }
    }

    static Answer error(int status, String rid, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("errorCode", status * 1000);
        body.put("message", message);
        return new Answer(status, HubTopics.twinResponse(status, rid), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode withVersion(ObjectNode properties, long version) {
        ObjectNode copy = properties == null ? Json.MAPPER.createObjectNode() : properties.deepCopy();
        copy.put("$version", version);
        return copy;
    }
}
