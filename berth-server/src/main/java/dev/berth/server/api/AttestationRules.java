package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.SymmetricKeyAttestation;
import dev.berth.server.ProvisioningException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Checks an enrollment's {@code attestation} and completes it: symmetric keys that are missing are generated
 * (64 random bytes, as DPS does), given ones must be base64 of 16 to 64 bytes. Only symmetric keys are
 * supported in this version; X.509 and TPM are refused with a message that says so.
 */
final class AttestationRules {
    static final int GENERATED_KEY_BYTES = 64;

    private final SecureRandom random;

    AttestationRules(SecureRandom random) {
        this.random = random;
    }

    AttestationMechanism complete(AttestationMechanism attestation) {
        if (attestation == null) {
            throw invalid("the enrollment has no attestation; send \"attestation\":{\"type\":\"symmetricKey\"}"
                    + " (keys are generated when left out)");
        }
        String type = attestation.type();
        if (type == null || type.isBlank()) {
            throw invalid("the attestation has no type; use \"type\":\"symmetricKey\"");
        }
        if (type.equalsIgnoreCase("x509") || type.equalsIgnoreCase("tpm")) {
            throw invalid("attestation type '" + type + "' is not supported: this Berth version supports only"
                    + " symmetricKey attestation so far (X.509 arrives in a later version; TPM is not planned)");
        }
        if (!type.equalsIgnoreCase(AttestationMechanism.SYMMETRIC_KEY)) {
            throw invalid("attestation type '" + type + "' is unknown; use symmetricKey");
        }
        SymmetricKeyAttestation keys = attestation.symmetricKey();
        String primary = keyOrGenerate(keys == null ? null : keys.primaryKey(), "primaryKey");
        String secondary = keyOrGenerate(keys == null ? null : keys.secondaryKey(), "secondaryKey");
        return AttestationMechanism.symmetricKey(primary, secondary);
    }

    private String keyOrGenerate(String key, String field) {
        if (key == null || key.isBlank()) {
            byte[] bytes = new byte[GENERATED_KEY_BYTES];
            random.nextBytes(bytes);
            return Base64.getEncoder().encodeToString(bytes);
        }
        String trimmed = key.strip();
        if (!SharedAccessSignatures.isValidKey(trimmed)) {
            throw invalid("the symmetricKey " + field + " must be base64 of 16 to 64 bytes"
                    + " (leave it out to have one generated)");
        }
        return trimmed;
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, message);
    }
}
