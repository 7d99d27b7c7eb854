package dev.berth.it;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.BerthStore;
import dev.berth.server.store.CaCertificateRecord;
import java.security.cert.X509Certificate;

/** X.509 enrollments written straight into the store, with the certificate info the service API would compute. */
public final class X509Enrollments {
    private X509Enrollments() {
    }

    public static X509Certificates certificates(X509Certificate primary) {
        return new X509Certificates(new X509CertificateWithInfo(TestPki.pemOf(primary), Certificates.info(primary)), null);
    }

    public static IndividualEnrollment individual(BerthStore store, String registrationId, X509Certificate deviceCertificate, String status) {
        AttestationMechanism attestation = AttestationMechanism.x509(new X509Attestation(certificates(deviceCertificate), null, null));
        return store.putEnrollment(new IndividualEnrollment(registrationId, null, null, null, attestation, null, null, null, null,
                status, null, null, null, "hashed", null, null), null);
    }

    public static EnrollmentGroup groupWithSigningCertificate(BerthStore store, String groupId, X509Certificate ca, String status) {
        return group(store, groupId, new X509Attestation(null, certificates(ca), null), status);
    }

    public static EnrollmentGroup groupWithCaReference(BerthStore store, String groupId, String caName) {
        return group(store, groupId, new X509Attestation(null, null, new X509CaReferences(caName, null)), "enabled");
    }

    private static EnrollmentGroup group(BerthStore store, String groupId, X509Attestation x509, String status) {
        return store.putGroup(new EnrollmentGroup(groupId, AttestationMechanism.x509(x509), null, null, null, null, status, null,
                null, null, "hashed", null, null), null);
    }

    public static CaCertificateRecord registerCa(BerthStore store, String name, X509Certificate ca, boolean verified) {
        return store.putCaCertificate(new CaCertificateRecord(name, TestPki.pemOf(ca), Certificates.sha256Thumbprint(ca), verified,
                null, null, null, null), null);
    }
}
