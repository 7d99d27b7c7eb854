package dev.berth.hub.api;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.protocol.hub.Device;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns a requested Device into the record to store: checks status and authentication, generates missing
 * SAS keys (keeping the current ones when the device already uses SAS), normalises thumbprints to upper-case
 * hex, and keeps the internal CA certificate of a {@code certificateAuthority} device.
 */
final class DeviceIdentities {
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceIdentities() {
    }

    static DeviceRecord fromRequest(String deviceId, Device requested, DeviceRecord current) {
        if (requested.deviceId() != null && !requested.deviceId().equals(deviceId)) {
            throw invalid("the body names device '" + requested.deviceId() + "' but the path names '" + deviceId + "'");
        }
        String status = status(requested.status());
        Device.Authentication auth = requested.authentication() == null
                ? new Device.Authentication(Device.Authentication.SAS, null, null) : requested.authentication();
        String type = auth.type() == null ? Device.Authentication.SAS : auth.type();
        boolean iotEdge = requested.capabilities() != null && requested.capabilities().iotEdge();
        return switch (type) {
            case DeviceRecord.SAS -> {
                Device.SymmetricKey keys = auth.symmetricKey() == null ? new Device.SymmetricKey(null, null) : auth.symmetricKey();
                boolean wasSas = current != null && DeviceRecord.SAS.equals(current.authenticationType());
                String primary = key("primaryKey", keys.primaryKey(), wasSas ? current.primaryKey() : null);
                String secondary = key("secondaryKey", keys.secondaryKey(), wasSas ? current.secondaryKey() : null);
                yield record(deviceId, status, requested.statusReason(), type, primary, secondary, null, null, null, iotEdge);
            }
            case DeviceRecord.SELF_SIGNED -> {
                Device.X509Thumbprint thumbprints = auth.x509Thumbprint();
                String primary = thumbprint("primaryThumbprint", thumbprints == null ? null : thumbprints.primaryThumbprint());
                String secondary = thumbprint("secondaryThumbprint", thumbprints == null ? null : thumbprints.secondaryThumbprint());
                if (primary == null && secondary == null) {
                    throw invalid("a selfSigned device needs authentication.x509Thumbprint.primaryThumbprint (hex SHA-1 or SHA-256"
                            + " of its certificate)");
                }
                yield record(deviceId, status, requested.statusReason(), type, null, null, primary, secondary, null, iotEdge);
            }
            case DeviceRecord.CERTIFICATE_AUTHORITY -> {
                boolean wasCa = current != null && DeviceRecord.CERTIFICATE_AUTHORITY.equals(current.authenticationType());
                yield record(deviceId, status, requested.statusReason(), type, null, null, null, null,
                        wasCa ? current.caCertificatePem() : null, iotEdge);
            }
            default -> throw invalid("authentication.type '" + type + "' is not supported; use sas, selfSigned or certificateAuthority");
        };
    }

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String status(String status) {
        if (status == null || status.equalsIgnoreCase(Device.ENABLED)) {
            return Device.ENABLED;
        }
        if (status.equalsIgnoreCase(Device.DISABLED)) {
            return Device.DISABLED;
        }
        throw invalid("status '" + status + "' is invalid; use enabled or disabled");
    }

    private static String key(String field, String requested, String current) {
        if (requested == null || requested.isBlank()) {
            return current != null ? current : newKey();
        }
        if (!SharedAccessSignatures.isValidKey(requested)) {
            throw invalid("authentication.symmetricKey." + field + " must be base64 of 16 to 64 bytes");
        }
        return requested;
    }

    private static String thumbprint(String field, String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String hex = requested.replace(":", "").replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{40}|[0-9A-F]{64}")) {
            throw invalid("authentication.x509Thumbprint." + field + " must be 40 (SHA-1) or 64 (SHA-256) hex digits");
        }
        return hex;
    }

    private static DeviceRecord record(String id, String status, String reason, String type, String primaryKey,
            String secondaryKey, String primaryThumbprint, String secondaryThumbprint, String caPem, boolean iotEdge) {
        return new DeviceRecord(id, null, null, status, reason, type, primaryKey, secondaryKey, primaryThumbprint,
                secondaryThumbprint, caPem, iotEdge, null, null);
    }

    private static HubException invalid(String message) {
        return new HubException(HubErrorCode.ARGUMENT_INVALID, message);
    }
}
