package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The eight read-only fields DPS computes for a certificate. The official Java SDK requires all eight
 * whenever the object is present.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record X509CertificateInfo(
        String subjectName,
        String sha1Thumbprint,
        String sha256Thumbprint,
        String issuerName,
        String notBeforeUtc,
        String notAfterUtc,
        String serialNumber,
        int version) {
}
