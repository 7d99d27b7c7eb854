package dev.berth.protocol.dps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.berth.protocol.service.X509CertificateInfo;

/**
 * {@code registrationState.x509}: for a group, the group and the CA the device chained to; for an
 * individual enrollment, the device certificate. Each info object carries all eight fields or is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record X509RegistrationResult(X509CertificateInfo certificateInfo, String enrollmentGroupId, X509CertificateInfo signingCertificateInfo) {
}
