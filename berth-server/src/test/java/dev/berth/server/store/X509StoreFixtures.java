package dev.berth.server.store;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateInfo;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import java.util.List;

/**
 * X.509 enrollments and CA records as the service API hands them in: the store reads only the thumbprints of
 * {@code info}, so the certificates here are placeholders and the thumbprints made-up upper-case hex.
 */
final class X509StoreFixtures {
    private X509StoreFixtures() {
    }

    /** A 64-hex-digit thumbprint made from a small number, e.g. 7 → 000…07. */
    static String thumbprint(int n) {
        return String.format("%064X", n);
    }

    static IndividualEnrollment x509Enrollment(String registrationId, String primary, String secondary) {
        AttestationMechanism x509 = AttestationMechanism.x509(new X509Attestation(certificates(primary, secondary), null, null));
        return new IndividualEnrollment(registrationId, null, null, null, x509, null, null, null, null, "enabled", null,
                null, null, "hashed", List.of(StoreFixtures.HUB), null);
    }

    static EnrollmentGroup signingCertificateGroup(String groupId, String primary, String secondary) {
        return group(groupId, new X509Attestation(null, certificates(primary, secondary), null));
    }

    static EnrollmentGroup caReferenceGroup(String groupId, String primaryCa, String secondaryCa) {
        return group(groupId, new X509Attestation(null, null, new X509CaReferences(primaryCa, secondaryCa)));
    }

    static CaCertificateRecord ca(String name, String thumbprint, boolean verified, String verificationCode) {
        return new CaCertificateRecord(name, "-----BEGIN CERTIFICATE-----\n" + name + "\n-----END CERTIFICATE-----",
                thumbprint, verified, verificationCode, null, null, null);
    }

    private static EnrollmentGroup group(String groupId, X509Attestation attestation) {
        return new EnrollmentGroup(groupId, AttestationMechanism.x509(attestation), null, null, null, null, "enabled",
                null, null, null, "hashed", List.of(StoreFixtures.HUB), null);
    }

    private static X509Certificates certificates(String primary, String secondary) {
        return new X509Certificates(withInfo(primary), secondary == null ? null : withInfo(secondary));
    }

    private static X509CertificateWithInfo withInfo(String thumbprint) {
        X509CertificateInfo info = new X509CertificateInfo("CN=test", "AB", thumbprint, "CN=test",
                "2025-01-01T00:00:00Z", "2035-01-01T00:00:00Z", "01", 3);
        return new X509CertificateWithInfo("-----BEGIN CERTIFICATE-----\n" + thumbprint + "\n-----END CERTIFICATE-----", info);
    }
}
