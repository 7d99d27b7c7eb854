package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One registered CA certificate ({@code GET /certificates/{name}}), shaped like the DPS management API's resource. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateResponse(String name, String etag, CertificateProperties properties) {
}
