package dev.berth.hub.api;

import dev.berth.hub.ConnectionStates;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.HubStore;
import dev.berth.protocol.hub.Device;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.server.api.ServiceResponse;
import dev.berth.server.store.Page;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code PUT/GET/DELETE /devices/{id}} and {@code GET /devices}. As in IoT Hub, a PUT without If-Match only
 * creates (409 when the device exists); with If-Match (an etag or {@code *}) it replaces. Disabling a device,
 * changing its credentials or deleting it closes its connection.
 */
final class DeviceResource {
    static final int MAX_PAGE = 1000;

    private final HubStore store;
    private final DeviceNotifier notifier;
    private final ConnectionStates connected;
    private final Clock clock;

    DeviceResource(HubStore store, DeviceNotifier notifier, ConnectionStates connected, Clock clock) {
        this.store = store;
        this.notifier = notifier;
        this.connected = connected;
        this.clock = clock;
    }

    ServiceResponse put(HubRequest request) {
        String id = DeviceIds.require(request.deviceId());
        Device requested = HubJson.bind(HubJson.requireObject(request.body(), "a Device"), Device.class);
        DeviceRecord current = store.findDevice(id).orElse(null);
        DeviceRecord wanted = DeviceIdentities.fromRequest(id, requested, current);
        DeviceRecord stored = request.ifMatch() == null || request.ifMatch().isBlank()
                ? store.createDevice(wanted)
                : store.putDevice(wanted, request.ifMatch());
        if (current != null && (!stored.enabled() || credentialsChanged(current, stored))) {
            notifier.deviceRevoked(id, stored.enabled() ? "its credentials changed" : "it was disabled");
        }
        return ServiceResponse.ok(wire(stored), stored.etag());
    }

    ServiceResponse get(HubRequest request) {
        DeviceRecord device = find(request.deviceId());
        return ServiceResponse.ok(wire(device), device.etag());
    }

    ServiceResponse delete(HubRequest request) {
        String id = request.deviceId();
        if (!store.deleteDevice(id, request.ifMatch())) {
            throw notFound(id);
        }
        notifier.deviceRevoked(id, "it was deleted");
        return ServiceResponse.noContent();
    }

    ServiceResponse list(HubRequest request) {
        int top = top(request.top());
        Page<DeviceRecord> page = store.listDevices(top, request.continuation());
        List<String> ids = page.items().stream().map(DeviceRecord::deviceId).toList();
        Set<String> online = connected.connected(ids);
        Map<String, Integer> waiting = store.pendingMessageCounts(ids, clock.instant());
        List<Device> devices = page.items().stream().map(device -> WireFormats.device(device, online.contains(device.deviceId()),
                waiting.getOrDefault(device.deviceId(), 0))).toList();
        Map<String, String> headers = new LinkedHashMap<>();
        if (page.continuation() != null) {
            headers.put("x-ms-continuation", page.continuation());
        }
        return new ServiceResponse(200, devices, headers);
    }

    private Device wire(DeviceRecord device) {
        return WireFormats.device(device, connected.isConnected(device.deviceId()), store.pendingMessageCount(device.deviceId(), clock.instant()));
    }

    private DeviceRecord find(String id) {
        return store.findDevice(id).orElseThrow(() -> notFound(id));
    }

    static HubException notFound(String id) {
        return new HubException(HubErrorCode.DEVICE_NOT_FOUND, "the hub has no device '" + id + "'");
    }

    private static boolean credentialsChanged(DeviceRecord before, DeviceRecord after) {
        return !Objects.equals(before.authenticationType(), after.authenticationType())
                || !Objects.equals(before.primaryKey(), after.primaryKey())
                || !Objects.equals(before.secondaryKey(), after.secondaryKey())
                || !Objects.equals(before.primaryThumbprint(), after.primaryThumbprint())
                || !Objects.equals(before.secondaryThumbprint(), after.secondaryThumbprint());
    }

    private static int top(String value) {
        if (value == null || value.isBlank()) {
            return MAX_PAGE;
        }
        try {
            int top = Integer.parseInt(value.strip());
            if (top >= 1 && top <= MAX_PAGE) {
                return top;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new HubException(HubErrorCode.ARGUMENT_INVALID, "top must be a number from 1 to " + MAX_PAGE + ", was '" + value + "'");
    }

}
