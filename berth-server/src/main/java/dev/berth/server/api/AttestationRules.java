package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.SymmetricKeyAttestation;
import dev.berth.server.ProvisioningException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Checks an enrollment's {@code attestation} and completes it. Symmetric keys that are missing are generated
 * (64 random bytes, as DPS does), given ones must be base64 of 16 to 64 bytes. X.509 is checked by
 * {@link X509AttestationRules}. TPM is refused with a message that says so.
 */
final class AttestationRules {
    static final int GENERATED_KEY_BYTES = 64;

    private final SecureRandom random;
    private final X509AttestationRules x509;

    AttestationRules(SecureRandom random, X509AttestationRules x509) {
        this.random = random;
        this.x509 = x509;
    }

    AttestationMechanism individual(AttestationMechanism attestation, String registrationId) {
        return isX509(attestation) ? x509.individual(attestation.x509(), registrationId) : symmetricKey(attestation);
    }

    AttestationMechanism group(AttestationMechanism attestation) {
        return isX509(attestation) ? x509.group(attestation.x509()) : symmetricKey(attestation);
    }

    /** Refuses a missing, TPM or unknown attestation; true for X.509, false for symmetric key. */
    private static boolean isX509(AttestationMechanism attestation) {
        if (attestation == null) {
            throw invalid("the enrollment has no attestation; send \"attestation\":{\"type\":\"symmetricKey\"}"
                    + " (keys are generated when left out) or \"attestation\":{\"type\":\"x509\",\"x509\":{…}}");
        }
        String type = attestation.type();
        if (type == null || type.isBlank()) {
            throw invalid("the attestation has no type; use \"type\":\"symmetricKey\" or \"type\":\"x509\"");
        }
        if (type.equalsIgnoreCase("tpm")) {
            throw invalid("attestation type 'tpm' is not supported: Berth supports symmetricKey and x509 attestation"
                    + " (TPM is not planned)");
        }
        if (type.equalsIgnoreCase(AttestationMechanism.X509)) {
            return true;
        }
        if (!type.equalsIgnoreCase(AttestationMechanism.SYMMETRIC_KEY)) {
            throw invalid("attestation type '" + type + "' is unknown; use symmetricKey or x509");
        }
        return false;
    }

    private AttestationMechanism symmetricKey(AttestationMechanism attestation) {
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
