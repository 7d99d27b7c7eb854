package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code certificate} is PEM (or base64 DER) as uploaded; {@code info} is computed by the service (read-only). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record X509CertificateWithInfo(String certificate, X509CertificateInfo info) {
}
