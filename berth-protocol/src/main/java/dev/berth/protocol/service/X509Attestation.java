package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * X.509 attestation of an enrollment: {@code clientCertificates} (an individual enrollment's device
 * certificate), {@code signingCertificates} (a group's CA uploaded with it) or {@code caReferences}
 * (names of CA certificates registered and verified on the service).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record X509Attestation(X509Certificates clientCertificates, X509Certificates signingCertificates, X509CaReferences caReferences) {
}
