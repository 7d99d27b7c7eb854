package dev.berth.protocol.service;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code attestation}: {@code type} is {@code symmetricKey}, {@code x509}, {@code tpm} or {@code none}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttestationMechanism(
        String type, @JsonProperty("symmetricKey") SymmetricKeyAttestation symmetricKey, Object x509, Object tpm) {

    public static final String SYMMETRIC_KEY = "symmetricKey";

    public static AttestationMechanism symmetricKey(String primaryKey, String secondaryKey) {
        return new AttestationMechanism(SYMMETRIC_KEY, new SymmetricKeyAttestation(primaryKey, secondaryKey), null, null);
    }

    // Not a JSON property: Jackson would otherwise write "symmetricKey": true over the keys.
    @JsonIgnore
    public boolean isSymmetricKey() {
        return SYMMETRIC_KEY.equals(type);
    }
}
