package dev.berth.server.store;

import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import java.util.List;
import java.util.Optional;

/** The read side of enrollments, used on the device registration path. */
public interface EnrollmentStore {

    /** The individual enrollment of a registration ID, compared case-insensitively. */
    Optional<IndividualEnrollment> findEnrollment(String registrationId);

    Optional<EnrollmentGroup> findGroup(String enrollmentGroupId);

    /** Every enrollment group whose attestation is {@code symmetricKey}, enabled or not, ordered by ID. */
    List<EnrollmentGroup> symmetricKeyGroups();

    /** Every enrollment group whose attestation is {@code x509}, enabled or not, ordered by ID. */
    List<EnrollmentGroup> x509Groups();

    /**
     * The enrollment group whose uploaded {@code signingCertificates} (primary or secondary) has this
     * SHA-256 thumbprint (upper-case hex), enabled or not.
     */
    Optional<EnrollmentGroup> findGroupBySigningCertificate(String sha256Thumbprint);

    /** Enrollment groups whose {@code caReferences} (primary or secondary) name this CA, ordered by ID. */
    List<EnrollmentGroup> findGroupsByCaReference(String caName);

    /**
     * Which enrollment (individual or group) holds a certificate with this SHA-256 thumbprint in its X.509
     * attestation, if any: a certificate may be in only one enrollment.
     */
    Optional<CertificateOwner> findCertificateOwner(String sha256Thumbprint);

    /** A registered CA certificate by name (case-insensitive). */
    Optional<CaCertificateRecord> findCaCertificate(String name);

    /** A registered CA certificate by the SHA-256 thumbprint of its certificate. */
    Optional<CaCertificateRecord> findCaCertificateByThumbprint(String sha256Thumbprint);
}
