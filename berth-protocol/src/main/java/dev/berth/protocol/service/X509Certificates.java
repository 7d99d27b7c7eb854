package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A primary and an optional secondary certificate. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record X509Certificates(X509CertificateWithInfo primary, X509CertificateWithInfo secondary) {
}
