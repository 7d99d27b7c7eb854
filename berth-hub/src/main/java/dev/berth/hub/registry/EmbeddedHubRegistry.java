package dev.berth.hub.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.api.DeviceIds;
import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.HubStore;
import dev.berth.hub.store.TwinRecord;
import dev.berth.protocol.hub.Twin;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.Json;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.hub.HubRegistryException;
import dev.berth.server.store.ConflictException;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts provisioned devices into the embedded hub (all of its host names share one registry). It writes the
 * hub store directly, with the same rules as the hub's REST API. The initial twin is applied when the
 * provisioning service asks (new registration, device data reset) and whenever the identity is created now.
 * Usable once the hub has started; before that, provisioning fails with a clear message.
 */
public final class EmbeddedHubRegistry implements HubRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedHubRegistry.class);

    private final Set<String> hostNames;
    private volatile HubStore store;
    private volatile DeviceNotifier notifier = DeviceNotifier.NONE;

    public EmbeddedHubRegistry(Collection<String> hostNames) {
        this.hostNames = hostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Called by the hub when it starts (and with null when it stops). */
    public void attach(HubStore store, DeviceNotifier notifier) {
        this.notifier = notifier == null ? DeviceNotifier.NONE : notifier;
        this.store = store;
    }

    @Override
    public boolean manages(String hubHostName) {
        return hubHostName != null && hostNames.contains(hubHostName.toLowerCase(Locale.ROOT));
    }

    @Override
    public void provision(HubDeviceProvisioning request) {
        HubStore hub = store;
        if (hub == null) {
            throw new HubRegistryException("the embedded hub " + request.hubHostName() + " is not running", false, null);
        }
        String deviceId = request.deviceId();
        if (!DeviceIds.isValid(deviceId)) {
            throw new HubRegistryException("the device ID '" + deviceId + "' is not valid in an IoT hub: use 1 to 128 ASCII"
                    + " letters, digits and - : . + % _ # * ? ! ( ) , = @ ; $ '", false, null);
        }
        try {
            HubIdentity identity = HubIdentity.of(request.evidence());
            boolean created = upsert(hub, identity, deviceId, request.iotEdge());
            if (request.applyInitialTwin() || (created && request.initialTwin() != null)) {
                applyInitialTwin(hub, deviceId, request.initialTwin());
            }
        } catch (HubRegistryException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new HubRegistryException("the embedded hub " + request.hubHostName() + " could not store device '" + deviceId
                    + "': " + e.getMessage(), false, e);
        }
    }

    /** @return true when the identity was created by this call */
    private boolean upsert(HubStore hub, HubIdentity identity, String deviceId, boolean iotEdge) {
        DeviceRecord current = hub.findDevice(deviceId).orElse(null);
        if (current == null) {
            try {
                hub.createDevice(identity.record(deviceId, iotEdge, null));
                LOG.info("Embedded hub: created device '{}' ({})", deviceId, identity.type());
                return true;
            } catch (ConflictException raced) {
                current = hub.findDevice(deviceId).orElseThrow(() -> raced);
            }
        }
        if (identity.sameCredentials(current) && current.iotEdge() == iotEdge) {
            return false;
        }
        hub.putDevice(identity.record(deviceId, iotEdge, current), current.etag());
        LOG.info("Embedded hub: updated device '{}' ({})", deviceId, identity.type());
        if (!identity.sameCredentials(current)) {
            notifier.deviceRevoked(deviceId, "it was provisioned again with other credentials");
        }
        return false;
    }

    /**
     * Replaces tags and desired properties with the enrollment's initial twin. A twin that already holds exactly that
     * (a new device and an enrollment without an initial twin, say) is left alone: its {@code $version} stays 1, as a
     * new IoT Hub twin's does, and the device is told nothing.
     */
    private void applyInitialTwin(HubStore hub, String deviceId, InitialTwin initialTwin) {
        Map<String, Object> tags = initialTwin == null ? null : initialTwin.tags();
        Map<String, Object> desired = initialTwin == null || initialTwin.properties() == null ? null : initialTwin.properties().desired();
        ObjectNode wantedTags = object(tags);
        ObjectNode wantedDesired = object(desired);
        TwinRecord current = hub.findTwin(deviceId).orElse(null);
        if (current != null && wantedTags.equals(current.tags()) && wantedDesired.equals(current.desired())) {
            return;
        }
        TwinRecord twin = hub.replaceDesired(deviceId, wantedTags, wantedDesired, null);
        ObjectNode notification = twin.desired().deepCopy();
        notification.put(Twin.VERSION, twin.desiredVersion());
        notifier.desiredPropertiesChanged(deviceId, notification);
    }

    private static ObjectNode object(Map<String, Object> map) {
        return map == null ? Json.MAPPER.createObjectNode() : Json.MAPPER.valueToTree(map);
    }
}
