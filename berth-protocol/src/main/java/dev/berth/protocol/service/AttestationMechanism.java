package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code attestation}: {@code type} is {@code symmetricKey}, {@code x509}, {@code tpm} or {@code none}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttestationMechanism(
        String type, @JsonProperty("symmetricKey") SymmetricKeyAttestation symmetricKey, @JsonProperty("x509") X509Attestation x509,
        Object tpm) {

    public static final String SYMMETRIC_KEY = "symmetricKey";
    public static final String X509 = "x509";

    public static AttestationMechanism symmetricKey(String primaryKey, String secondaryKey) {
        return new AttestationMechanism(SYMMETRIC_KEY, new SymmetricKeyAttestation(primaryKey, secondaryKey), null, null);
    }

    public static AttestationMechanism x509(X509Attestation x509) {
        return new AttestationMechanism(X509, null, x509, null);
    }

    @JsonIgnore
    public boolean isX509() {
        return X509.equals(type);
    }

    // Not a JSON property: Jackson would otherwise write "symmetricKey": true over the keys.
    @JsonIgnore
    public boolean isSymmetricKey() {
        return SYMMETRIC_KEY.equals(type);
    }
}
