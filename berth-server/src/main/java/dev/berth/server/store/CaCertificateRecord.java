package dev.berth.server.store;

import java.time.Instant;

/**
 * A CA certificate registered on the service. It can anchor enrollment groups (by {@code caReferences})
 * once {@code verified}: proven by a certificate signed by this CA whose CN is {@code verificationCode},
 * or marked verified on upload by an explicit flag.
 */
public record CaCertificateRecord(
        String name,
        String certificatePem,
        String sha256Thumbprint,
        boolean verified,
        String verificationCode,
        Instant createdAt,
        Instant updatedAt,
        String etag) {
}
