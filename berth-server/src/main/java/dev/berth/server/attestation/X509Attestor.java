package dev.berth.server.attestation;

import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.CaCertificateRecord;
import dev.berth.server.store.EnrollmentStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Authenticates a device by its TLS client certificate, as DPS does: the leaf's CN is the registration
 * ID; the individual enrollment holding exactly this certificate wins; otherwise the enrollment group of
 * the first certificate up the presented chain (its uploaded signing certificate, or a registered and
 * verified CA it references), then the CA that issued the top of the chain; the chain is then validated
 * against that CA. A disabled first match still matches (the registration answers {@code disabled}).
 */
public final class X509Attestor {
    private final EnrollmentStore enrollments;
    private final Clock clock;

    public X509Attestor(EnrollmentStore enrollments, Clock clock) {
        this.enrollments = enrollments;
        this.clock = clock;
    }

    private record GroupAnchor(EnrollmentGroup group, X509Certificate ca, int presentedIndex) {
    }

    /** Blocking (reads the store). @param chain as presented in the TLS handshake, leaf first */
    public AuthenticatedDevice authenticate(String registrationId, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty()) {
            throw LeafCertificateChecks.refuse("no credentials: the device sent neither a SAS token nor a TLS client certificate");
        }
        Instant now = clock.instant();
        X509Certificate leaf = chain.get(0);
        LeafCertificateChecks.check(leaf, registrationId, now);
        String leafThumbprint = Certificates.sha256Thumbprint(leaf);
        Optional<IndividualEnrollment> individual = enrollments.findEnrollment(registrationId);
        if (individual.isPresent() && holds(individual.get(), leafThumbprint)) {
            return new AuthenticatedDevice(registrationId, new EnrollmentMatch.Individual(individual.get()),
                    new DeviceEvidence.X509(leaf, chain, null));
        }
        Optional<GroupAnchor> anchor = findGroup(chain);
        if (anchor.isEmpty()) {
            throw LeafCertificateChecks.refuse(noMatch(registrationId, individual, chain));
        }
        GroupAnchor found = anchor.get();
        ChainValidator.validate(chain.subList(0, found.presentedIndex()), found.ca(), now);
        return new AuthenticatedDevice(registrationId, new EnrollmentMatch.Group(found.group()),
                new DeviceEvidence.X509(leaf, chain, found.ca()));
    }

    private static boolean holds(IndividualEnrollment enrollment, String thumbprint) {
        if (enrollment.attestation() == null || !enrollment.attestation().isX509() || enrollment.attestation().x509() == null) {
            return false;
        }
        return thumbprints(enrollment.attestation().x509().clientCertificates()).anyMatch(thumbprint::equalsIgnoreCase);
    }

    private static Stream<String> thumbprints(X509Certificates certificates) {
        if (certificates == null) {
            return Stream.empty();
        }
        return Stream.of(certificates.primary(), certificates.secondary())
                .filter(c -> c != null && c.info() != null && c.info().sha256Thumbprint() != null)
                .map(c -> c.info().sha256Thumbprint());
    }

    /** Walks up the presented chain, then looks for the CA that issued its top certificate. */
    private Optional<GroupAnchor> findGroup(List<X509Certificate> chain) {
        for (int i = 1; i < chain.size(); i++) {
            Optional<EnrollmentGroup> group = groupAnchoredAt(chain.get(i));
            if (group.isPresent()) {
                return Optional.of(new GroupAnchor(group.get(), chain.get(i), i));
            }
        }
        X509Certificate top = chain.get(chain.size() - 1);
        if (Certificates.isSelfSigned(top)) {
            return Optional.empty();
        }
        for (EnrollmentGroup group : enrollments.x509Groups()) {
            for (X509Certificate ca : uploadedCas(group)) {
                if (issued(ca, top)) {
                    return Optional.of(new GroupAnchor(group, ca, chain.size()));
                }
            }
            for (CaCertificateRecord ca : referencedCas(group)) {
                X509Certificate certificate = Certificates.parseOne(ca.certificatePem());
                if (issued(certificate, top)) {
                    requireVerified(ca, group);
                    return Optional.of(new GroupAnchor(group, certificate, chain.size()));
                }
            }
        }
        return Optional.empty();
    }

    private Optional<EnrollmentGroup> groupAnchoredAt(X509Certificate certificate) {
        String thumbprint = Certificates.sha256Thumbprint(certificate);
        Optional<EnrollmentGroup> bySigningCertificate = enrollments.findGroupBySigningCertificate(thumbprint);
        if (bySigningCertificate.isPresent()) {
            return bySigningCertificate;
        }
        Optional<CaCertificateRecord> ca = enrollments.findCaCertificateByThumbprint(thumbprint);
        if (ca.isEmpty()) {
            return Optional.empty();
        }
        List<EnrollmentGroup> groups = enrollments.findGroupsByCaReference(ca.get().name());
        if (!groups.isEmpty()) {
            requireVerified(ca.get(), groups.get(0));
        }
        return groups.stream().findFirst();
    }

    private static void requireVerified(CaCertificateRecord ca, EnrollmentGroup group) {
        if (!ca.verified()) {
            throw LeafCertificateChecks.refuse("the device chains to the CA certificate '" + ca.name() + "' of enrollment group '"
                    + group.enrollmentGroupId() + "', but that CA is not verified yet; complete proof of possession"
                    + " (generate a verification code, sign a certificate with CN = the code, upload it) or upload the CA with isVerified");
        }
    }

    /** CA certificates uploaded on the group itself ({@code signingCertificates}). */
    private static List<X509Certificate> uploadedCas(EnrollmentGroup group) {
        X509Attestation x509 = group.attestation() == null ? null : group.attestation().x509();
        if (x509 == null || x509.signingCertificates() == null) {
            return List.of();
        }
        return Stream.of(x509.signingCertificates().primary(), x509.signingCertificates().secondary())
                .filter(c -> c != null && c.certificate() != null)
                .map(X509CertificateWithInfo::certificate).map(Certificates::parseOne).toList();
    }

    /** Registered CA certificates the group names in {@code caReferences}, verified or not. */
    private List<CaCertificateRecord> referencedCas(EnrollmentGroup group) {
        X509Attestation x509 = group.attestation() == null ? null : group.attestation().x509();
        X509CaReferences references = x509 == null ? null : x509.caReferences();
        if (references == null) {
            return List.of();
        }
        return Stream.of(references.primary(), references.secondary()).filter(n -> n != null && !n.isBlank())
                .map(enrollments::findCaCertificate).flatMap(Optional::stream).toList();
    }

    private static boolean issued(X509Certificate ca, X509Certificate certificate) {
        if (!ca.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String noMatch(String registrationId, Optional<IndividualEnrollment> individual, List<X509Certificate> chain) {
        if (individual.isPresent() && individual.get().attestation() != null && individual.get().attestation().isSymmetricKey()) {
            return "individual enrollment '" + registrationId + "' uses a symmetric key; connect with a SAS token instead of a certificate";
        }
        String presented = chain.size() == 1 ? "only the device certificate was presented"
                : "the device presented " + chain.size() + " certificates";
        String prefix = individual.isPresent()
                ? "individual enrollment '" + registrationId + "' holds a different certificate (thumbprint " + Certificates.sha256Thumbprint(chain.get(0)) + " was presented), and "
                : "no individual enrollment holds this certificate, and ";
        return prefix + "no enrollment group trusts any CA of its chain (" + presented + "; issuer of the top: '"
                + chain.get(chain.size() - 1).getIssuerX500Principal().getName() + "'); enroll the certificate, or send the"
                + " chain up to a CA that an enrollment group uploaded or references as a verified CA";
    }
}
