package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A registered CA certificate as the Azure DPS management API describes it: {@code expiry}, {@code created} and
 * {@code updated} are RFC 1123 dates, {@code thumbprint} is the SHA-1 thumbprint. Berth adds
 * {@code sha256Thumbprint}. {@code verificationCode} is present only in the answer to generateVerificationCode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CertificateProperties(
        String subject,
        String expiry,
        String thumbprint,
        String sha256Thumbprint,
        @JsonProperty("isVerified") boolean isVerified,
        String created,
        String updated,
        String certificate,
        String verificationCode) {
}
