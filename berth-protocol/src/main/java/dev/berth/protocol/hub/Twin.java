package dev.berth.protocol.hub;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.protocol.service.DeviceCapabilities;
import java.util.Map;

/**
 * A device twin in the IoT Hub REST schema ({@code GET/PATCH/PUT /twins/{id}}): {@code tags} and
 * {@code properties.desired}/{@code properties.reported}, each section carrying its {@code "$version"}.
 * In a PATCH, a {@code null} value deletes the key; sections left out stay as they are.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Twin(
        String deviceId,
        String etag,
        String deviceEtag,
        String status,
        String connectionState,
        String lastActivityTime,
        Integer cloudToDeviceMessageCount,
        String authenticationType,
        Device.X509Thumbprint x509Thumbprint,
        Long version,
        Map<String, Object> tags,
        Properties properties,
        DeviceCapabilities capabilities) {

    /** The name of the version field inside {@code desired} and {@code reported}. */
    public static final String VERSION = "$version";
    /** Azure's per-property timestamps; Berth does not keep them and ignores them on input. */
    public static final String METADATA = "$metadata";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Properties(Map<String, Object> desired, Map<String, Object> reported) {
    }

    /** The body a client sends to patch tags and desired properties (either may be null). */
    public static Twin patch(Map<String, Object> tags, Map<String, Object> desired) {
        return new Twin(null, null, null, null, null, null, null, null, null, null, tags,
                desired == null ? null : new Properties(desired, null), null);
    }
}
