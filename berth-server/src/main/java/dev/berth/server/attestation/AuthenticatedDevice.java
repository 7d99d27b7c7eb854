package dev.berth.server.attestation;

/**
 * A device whose credentials were checked: the registration ID exactly as the device sent it, the
 * enrollment it matched, and what it proved itself with.
 */
public record AuthenticatedDevice(String registrationId, EnrollmentMatch match, DeviceEvidence evidence) {
}
