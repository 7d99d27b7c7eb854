package dev.berth.hub.store;

import java.time.Instant;

/**
 * A device identity as the hub keeps it. {@code authentication} is one of {@code sas} (primary/secondary
 * keys), {@code selfSigned} (primary/secondary SHA-256 or SHA-1 thumbprints, upper-case hex) or
 * {@code certificateAuthority} (the device's chain must lead to {@code caCertificatePem}, the CA that
 * anchored it at provisioning; not part of Azure's schema, kept internally). {@code status} is
 * {@code enabled} or {@code disabled}. The store owns {@code etag}, {@code generationId} and the times.
 */
public record DeviceRecord(
        String deviceId,
        String generationId,
        String etag,
        String status,
        String statusReason,
        String authenticationType,
        String primaryKey,
        String secondaryKey,
        String primaryThumbprint,
        String secondaryThumbprint,
        String caCertificatePem,
        boolean iotEdge,
        Instant createdAt,
        Instant updatedAt) {

    public static final String SAS = "sas";
    public static final String SELF_SIGNED = "selfSigned";
    public static final String CERTIFICATE_AUTHORITY = "certificateAuthority";

    public boolean enabled() {
        return !"disabled".equalsIgnoreCase(status);
    }
}
