package dev.berth.hub;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which devices have a live MQTT session, on this node or (on a shared database) on any live hub node: the
 * registry's {@code connectionState}. Blocking: it may read the store, so call it off the event loop.
 */
public interface ConnectionStates {

    /** Of these device IDs, the connected ones, in one store read per page rather than one per device. */
    Set<String> connected(Collection<String> deviceIds);

    default boolean isConnected(String deviceId) {
        return connected(List.of(deviceId)).contains(deviceId);
    }
}
