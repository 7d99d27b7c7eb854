package dev.berth.server.attestation;

/**
 * A device whose credentials were checked: the registration ID exactly as the device sent it, the
 * enrollment it matched, and the symmetric key it signed with (the hub identity later uses the same key).
 */
public record AuthenticatedDevice(String registrationId, EnrollmentMatch match, String deviceKey) {
}
