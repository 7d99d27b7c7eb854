package dev.berth.server.attestation;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsResource;
import dev.berth.protocol.sas.MalformedSasTokenException;
import dev.berth.protocol.sas.SasToken;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.SymmetricKeyAttestation;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.EnrollmentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks a device's SAS token against its individual enrollment or, failing that, against the keys
 * derived from each symmetric-key enrollment group (rule: HMAC over {@code sr} exactly as sent, any field
 * order, {@code skn} ignored, constant-time compare). Every refusal says precisely what is wrong.
 */
public final class SymmetricKeyAttestor {
    private final EnrollmentStore enrollments;
    private final Clock clock;
    private final Duration allowedClockSkew;

    public SymmetricKeyAttestor(EnrollmentStore enrollments, Clock clock, Duration allowedClockSkew) {
        this.enrollments = enrollments;
        this.clock = clock;
        this.allowedClockSkew = allowedClockSkew;
    }

    /** Blocking (reads the store). */
    public AuthenticatedDevice authenticate(String idScope, String registrationId, String sasToken) {
        if (sasToken == null || sasToken.isBlank()) {
            throw new ProvisioningException(DpsErrorCode.UNAUTHORIZED,
                    "no credentials: send a SharedAccessSignature token (the MQTT password or the HTTP Authorization header)");
        }
        SasToken token;
        try {
            token = SasToken.parse(sasToken);
        } catch (MalformedSasTokenException e) {
            throw new ProvisioningException(DpsErrorCode.SAS_TOKEN_MALFORMED, "malformed SAS token: " + e.getMessage());
        }
        if (!DpsResource.matches(token.decodedResource(), idScope, registrationId)) {
            throw new ProvisioningException(DpsErrorCode.SAS_RESOURCE_MISMATCH, "the SAS token was made for the resource '"
                    + token.decodedResource() + "' but this request is for '" + DpsResource.of(idScope, registrationId) + "'");
        }
        checkExpiry(token);
        Optional<IndividualEnrollment> individual = enrollments.findEnrollment(registrationId);
        if (individual.isPresent()) {
            return againstIndividual(individual.get(), registrationId, token);
        }
        return againstGroups(registrationId, token);
    }

    private void checkExpiry(SasToken token) {
        Instant now = clock.instant();
        Instant expiry = token.expiresAt();
        if (expiry.plus(allowedClockSkew).isBefore(now)) {
            long seconds = Duration.between(expiry, now).toSeconds();
            throw new ProvisioningException(DpsErrorCode.SAS_TOKEN_EXPIRED, "the SAS token expired at " + expiry
                    + ", " + seconds + " s before this server's time " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + "; make a new token, and if the device just made it, its clock is about " + seconds + " s behind");
        }
    }

    private AuthenticatedDevice againstIndividual(IndividualEnrollment enrollment, String registrationId, SasToken token) {
        SymmetricKeyAttestation keys = enrollment.attestation() == null ? null : enrollment.attestation().symmetricKey();
        if (keys == null || !enrollment.attestation().isSymmetricKey()) {
            throw new ProvisioningException(DpsErrorCode.UNAUTHORIZED, "individual enrollment '" + enrollment.registrationId()
                    + "' uses " + (enrollment.attestation() == null ? "no" : enrollment.attestation().type())
                    + " attestation, not a symmetric key; a SAS token cannot authenticate it");
        }
        for (String key : nonNull(keys.primaryKey(), keys.secondaryKey())) {
            if (SharedAccessSignatures.isSignedWith(token, key)) {
                return new AuthenticatedDevice(registrationId, new EnrollmentMatch.Individual(enrollment), new DeviceEvidence.SymmetricKey(key));
            }
        }
        throw new ProvisioningException(DpsErrorCode.SAS_SIGNATURE_MISMATCH, "the SAS token's signature does not match the primary or"
                + " secondary key of individual enrollment '" + enrollment.registrationId() + "'; sign '"
                + token.resource() + "\\n" + token.expiryText() + "' with the enrollment's key (base64-decoded)");
    }

    private AuthenticatedDevice againstGroups(String registrationId, SasToken token) {
        List<EnrollmentGroup> groups = enrollments.symmetricKeyGroups();
        for (EnrollmentGroup group : groups) {
            SymmetricKeyAttestation keys = group.attestation().symmetricKey();
            if (keys == null) {
                continue;
            }
            for (String groupKey : nonNull(keys.primaryKey(), keys.secondaryKey())) {
                String deviceKey = SharedAccessSignatures.deriveDeviceKey(groupKey, registrationId);
                if (SharedAccessSignatures.isSignedWith(token, deviceKey)) {
                    return new AuthenticatedDevice(registrationId, new EnrollmentMatch.Group(group), new DeviceEvidence.SymmetricKey(deviceKey));
                }
            }
        }
        throw new ProvisioningException(DpsErrorCode.ENROLLMENT_NOT_FOUND, "no individual enrollment exists for registration ID '"
                + registrationId + "', and the SAS token is not signed with a key derived from any of the " + groups.size()
                + " symmetric-key enrollment group(s); create an enrollment, or derive the device key as"
                + " base64(HMAC-SHA256(base64decode(groupKey), registrationId))");
    }

    private static List<String> nonNull(String a, String b) {
        return java.util.stream.Stream.of(a, b).filter(k -> k != null && !k.isEmpty()).toList();
    }
}
