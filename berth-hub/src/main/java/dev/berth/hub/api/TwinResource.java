package dev.berth.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.ConnectionStates;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.HubStore;
import dev.berth.hub.store.TwinDocuments;
import dev.berth.hub.store.TwinRecord;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.protocol.hub.Twin;
import dev.berth.server.api.ServiceResponse;
import java.time.Clock;

/**
 * {@code GET/PATCH/PUT /twins/{id}}: the service side of the twin. PATCH merges tags and desired properties
 * ({@code null} deletes), PUT replaces them; reported properties belong to the device and are refused here.
 * A change of desired properties is passed to the connected device with its new {@code $version}.
 */
final class TwinResource {
    private final HubStore store;
    private final DeviceNotifier notifier;
    private final ConnectionStates connected;
    private final Clock clock;

    TwinResource(HubStore store, DeviceNotifier notifier, ConnectionStates connected, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.connected = connected;
        this.clock = clock;
    }

    ServiceResponse get(HubRequest request) {
        TwinRecord twin = store.findTwin(request.deviceId()).orElseThrow(() -> DeviceResource.notFound(request.deviceId()));
        return answer(twin);
    }

    ServiceResponse patch(HubRequest request) {
        Sections sections = sections(request);
        TwinRecord twin = store.patchDesired(request.deviceId(), sections.tags(), sections.desired(), request.ifMatch());
        ObjectNode desiredChange = sections.desired() == null ? null : TwinDocuments.withoutVersionFields(sections.desired());
        if (desiredChange != null && !desiredChange.isEmpty()) {
            notifier.desiredPropertiesChanged(request.deviceId(), withVersion(desiredChange, twin));
        }
        return answer(twin);
    }

    ServiceResponse replace(HubRequest request) {
        Sections sections = sections(request);
        TwinRecord before = store.findTwin(request.deviceId()).orElseThrow(() -> DeviceResource.notFound(request.deviceId()));
        TwinRecord twin = store.replaceDesired(request.deviceId(), sections.tags(), sections.desired(), request.ifMatch());
        ObjectNode patch = twin.desired().deepCopy();
        before.desired().fieldNames().forEachRemaining(name -> {
            if (!patch.has(name)) {
                patch.putNull(name);
            }
        });
        notifier.desiredPropertiesChanged(request.deviceId(), withVersion(patch, twin));
        return answer(twin);
    }

    private ServiceResponse answer(TwinRecord twin) {
        var device = store.findDevice(twin.deviceId()).orElse(null);
        return ServiceResponse.ok(WireFormats.twin(twin, device, connected.isConnected(twin.deviceId()),
                store.pendingMessageCount(twin.deviceId(), clock.instant())), twin.etag());
    }

    private static ObjectNode withVersion(ObjectNode patch, TwinRecord twin) {
        ObjectNode copy = patch.deepCopy();
        copy.put(Twin.VERSION, twin.desiredVersion());
        return copy;
    }

    private record Sections(ObjectNode tags, ObjectNode desired) {
    }

    private static Sections sections(HubRequest request) {
        ObjectNode body = HubJson.requireObject(request.body(), "a twin with tags and/or properties.desired");
        ObjectNode properties = HubJson.optionalObject(body, "properties", "properties");
        if (properties != null && properties.has("reported")) {
            throw new HubException(HubErrorCode.ARGUMENT_INVALID,
                    "properties.reported cannot be written through the service API; only the device reports them");
        }
        return new Sections(HubJson.optionalObject(body, "tags", "tags"), HubJson.optionalObject(properties, "desired", "properties.desired"));
    }
}
