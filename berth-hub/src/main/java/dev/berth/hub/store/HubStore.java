package dev.berth.hub.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.store.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the hub keeps, in the same database as the provisioning service (its own tables and its own
 * migration history). Blocking; call off the event loop. {@code ifMatch} null or {@code *} = any version;
 * a mismatch throws {@link dev.berth.server.store.PreconditionFailedException}. Twin and cloud-to-device calls for a
 * device that does not exist throw {@link DeviceNotFoundException}; a twin patch that breaks IoT Hub's key rules
 * (names with '.', '$', spaces; nesting deeper than 10) throws {@link IllegalArgumentException}.
 */
public interface HubStore {

    Optional<DeviceRecord> findDevice(String deviceId);

    /** Creates or replaces; creating also creates an empty twin. */
    DeviceRecord putDevice(DeviceRecord device, String ifMatch);

    /**
     * Creates a device that must not exist yet (a PUT without If-Match, as IoT Hub does it).
     * @throws dev.berth.server.store.ConflictException when the device ID is taken
     */
    default DeviceRecord createDevice(DeviceRecord device) {
        if (findDevice(device.deviceId()).isPresent()) {
            throw new dev.berth.server.store.ConflictException("the device '" + device.deviceId() + "' already exists");
        }
        return putDevice(device, null);
    }

    /** Also deletes the twin and queued cloud-to-device messages. */
    boolean deleteDevice(String deviceId, String ifMatch);

    Page<DeviceRecord> listDevices(int maxItems, String continuation);

    Optional<TwinRecord> findTwin(String deviceId);

    /**
     * Merges a reported-properties patch ({@code null} values delete keys), bumps the reported version.
     * @throws TwinTooLargeException when the result exceeds the limit
     */
    TwinRecord patchReported(String deviceId, ObjectNode patch);

    /** Merges tags and desired patches (either may be null), bumps the desired version when desired changed. */
    TwinRecord patchDesired(String deviceId, ObjectNode tagsPatch, ObjectNode desiredPatch, String ifMatch);

    /** Replaces tags and desired properties (a twin PUT, or applying an enrollment's initial twin). */
    TwinRecord replaceDesired(String deviceId, ObjectNode tags, ObjectNode desired, String ifMatch);

    CloudToDeviceMessage enqueue(CloudToDeviceMessage message);

    /** Unexpired messages for the device, oldest first. */
    List<CloudToDeviceMessage> pendingMessages(String deviceId, Instant now, int maxItems);

    /** How many unexpired messages wait for the device (the registry's {@code cloudToDeviceMessageCount}). */
    default int pendingMessageCount(String deviceId, Instant now) {
        return pendingMessages(deviceId, now, Integer.MAX_VALUE).size();
    }

    /** {@link #pendingMessageCount} of many devices in one read (a registry page); devices with none are absent. */
    Map<String, Integer> pendingMessageCounts(Collection<String> deviceIds, Instant now);

    /** Counts a delivery attempt. */
    void markDelivered(String deviceId, String messageId);

    /** Removes a message the device acknowledged. @return false when it was already gone */
    boolean complete(String deviceId, String messageId);

    int purgeExpiredMessages(Instant now);

    /** Appends and returns the message with its sequence number. */
    TelemetryMessage appendTelemetry(TelemetryMessage message);

    /** Telemetry after a sequence number, oldest first, optionally of one device. */
    List<TelemetryMessage> telemetryAfter(long sequence, String deviceId, int maxItems);

    int purgeTelemetry(Instant receivedBefore);

    /**
     * Keeps the topic filters (filter → granted QoS 0 or 1) of a clean-session=0 device, replacing what was kept.
     * @throws DeviceNotFoundException when the device does not exist
     */
    void saveSubscriptions(String deviceId, Map<String, Integer> filters);

    /** The kept filters, or an empty map. */
    Map<String, Integer> findSubscriptions(String deviceId);

    /** @return false when nothing was kept */
    boolean forgetSubscriptions(String deviceId);
}
