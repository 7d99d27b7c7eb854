package dev.berth.device.client;

import java.util.Map;

/**
 * A change of the twin's desired properties pushed by the hub while the device is connected.
 *
 * @param version   the desired properties' new {@code $version}
 * @param patchJson the patch as JSON text, without {@code $version}; {@code null} values mean "removed"
 * @param patch     the same patch as maps, lists, strings, numbers and booleans
 */
public record DesiredPropertiesUpdate(long version, String patchJson, Map<String, Object> patch) {

    public DesiredPropertiesUpdate {
        patch = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(patch));
    }
}
