package dev.berth.hub.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.TwinRecord;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.hub.Device;
import dev.berth.protocol.hub.Twin;
import dev.berth.protocol.service.DeviceCapabilities;
import dev.berth.server.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored device and twin → the IoT Hub REST shapes. Etags appear without quotes in bodies (as IoT Hub writes
 * them) and quoted in the ETag header. The CA certificate of a {@code certificateAuthority} device is internal.
 */
final class WireFormats {
    /** IoT Hub writes this for times it has not recorded. */
    static final String NEVER = "0001-01-01T00:00:00Z";

    private WireFormats() {
    }

    static Device device(DeviceRecord d, boolean connected, int pendingMessages) {
        Device.SymmetricKey keys = DeviceRecord.SAS.equals(d.authenticationType())
                ? new Device.SymmetricKey(d.primaryKey(), d.secondaryKey()) : new Device.SymmetricKey(null, null);
        Device.X509Thumbprint thumbprints = new Device.X509Thumbprint(d.primaryThumbprint(), d.secondaryThumbprint());
        return new Device(d.deviceId(), d.generationId(), unquoted(d.etag()), d.status(), d.statusReason(),
                DpsTimestamps.format(d.updatedAt()), connected ? Device.CONNECTED : Device.DISCONNECTED, NEVER, NEVER,
                pendingMessages, new Device.Authentication(d.authenticationType(), keys, thumbprints),
                new DeviceCapabilities(d.iotEdge()));
    }

    static Twin twin(TwinRecord t, DeviceRecord d, boolean connected, int pendingMessages) {
        return new Twin(t.deviceId(), unquoted(t.etag()), d == null ? null : unquoted(d.etag()), d == null ? null : d.status(),
                connected ? Device.CONNECTED : Device.DISCONNECTED, NEVER, pendingMessages,
                d == null ? null : d.authenticationType(),
                d == null ? null : new Device.X509Thumbprint(d.primaryThumbprint(), d.secondaryThumbprint()),
                t.version(), map(t.tags()), new Twin.Properties(withVersion(t.desired(), t.desiredVersion()),
                        withVersion(t.reported(), t.reportedVersion())),
                new DeviceCapabilities(d != null && d.iotEdge()));
    }

    static Map<String, Object> withVersion(ObjectNode section, long version) {
        Map<String, Object> map = map(section);
        map.put(Twin.VERSION, version);
        return map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(ObjectNode node) {
        return node == null ? new LinkedHashMap<>() : Json.MAPPER.convertValue(node, LinkedHashMap.class);
    }

    static String unquoted(String etag) {
        if (etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            return etag.substring(1, etag.length() - 1);
        }
        return etag;
    }
}
