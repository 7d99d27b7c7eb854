package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /certificates}: every registered CA certificate, ordered by name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateListDescription(List<CertificateResponse> value) {
}
