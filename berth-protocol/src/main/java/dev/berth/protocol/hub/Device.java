package dev.berth.protocol.hub;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.protocol.service.DeviceCapabilities;

/**
 * A device identity in the IoT Hub registry REST schema ({@code PUT/GET /devices/{id}}, protocol.md §7.9).
 * {@code status} is {@code enabled} or {@code disabled}; {@code connectionState} {@code Connected} or
 * {@code Disconnected}. The hub fills the read-only fields (generationId, etag, times, counts) on answers and
 * ignores them in requests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Device(
        String deviceId,
        String generationId,
        String etag,
        String status,
        String statusReason,
        String statusUpdatedTime,
        String connectionState,
        String connectionStateUpdatedTime,
        String lastActivityTime,
        Integer cloudToDeviceMessageCount,
        Authentication authentication,
        DeviceCapabilities capabilities) {

    public static final String ENABLED = "enabled";
    public static final String DISABLED = "disabled";
    public static final String CONNECTED = "Connected";
    public static final String DISCONNECTED = "Disconnected";

    /** {@code type}: {@code sas}, {@code selfSigned}, {@code certificateAuthority} or {@code none}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Authentication(String type, SymmetricKey symmetricKey, X509Thumbprint x509Thumbprint) {
        public static final String SAS = "sas";
        public static final String SELF_SIGNED = "selfSigned";
        public static final String CERTIFICATE_AUTHORITY = "certificateAuthority";
        public static final String NONE = "none";
    }

    /** Base64 keys of 16 to 64 bytes; either may be omitted on create and the hub generates it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SymmetricKey(String primaryKey, String secondaryKey) {
    }

    /** Hex SHA-1 (40 digits) or SHA-256 (64 digits) thumbprints of the device certificate. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record X509Thumbprint(String primaryThumbprint, String secondaryThumbprint) {
    }

    /** The body a client sends to create or replace a device. */
    public static Device of(String deviceId, String status, Authentication authentication, boolean iotEdge) {
        return new Device(deviceId, null, null, status, null, null, null, null, null, null, authentication,
                new DeviceCapabilities(iotEdge));
    }
}
