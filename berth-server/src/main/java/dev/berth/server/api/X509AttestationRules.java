package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import dev.berth.server.ProvisioningException;
import dev.berth.server.pki.Certificates;
import dev.berth.server.store.CaCertificateRecord;
import dev.berth.server.store.CaCertificateStore;
import dev.berth.server.store.EnrollmentStore;
import dev.berth.server.store.Page;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an X.509 attestation (protocol.md §2.4) and completes it: every certificate is parsed, must be unexpired,
 * and gets its {@code info} computed (the store indexes enrollments by its thumbprint). An individual enrollment
 * holds the device certificate, whose CN must be the registration ID; a group holds a CA certificate or names a
 * registered one.
 */
final class X509AttestationRules {
    /** A CN has at most 64 characters, and the CN is the registration ID. */
    static final int MAX_X509_REGISTRATION_ID = 64;

    private final EnrollmentStore enrollments;
    private final CaCertificateStore registry;
    private final Clock clock;

    X509AttestationRules(EnrollmentStore enrollments, CaCertificateStore registry, Clock clock) {
        this.enrollments = enrollments;
        this.registry = registry;
        this.clock = clock;
    }

    AttestationMechanism individual(X509Attestation x509, String registrationId) {
        if (x509 != null && (has(x509.signingCertificates()) || has(x509.caReferences()))) {
            throw invalid("an individual enrollment holds its device's own certificate in x509.clientCertificates;"
                    + " signingCertificates and caReferences are for enrollment groups (create an enrollment group to admit"
                    + " every device whose certificate a CA signed)");
        }
        X509Certificates client = x509 == null ? null : x509.clientCertificates();
        if (client == null || client.primary() == null) {
            throw invalid("an X.509 individual enrollment needs the device certificate:"
                    + " \"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":\"<PEM>\"}}}");
        }
        if (registrationId.length() > MAX_X509_REGISTRATION_ID) {
            throw invalid("the registration ID is " + registrationId.length() + " characters long; with X.509 it is the"
                    + " certificate's CN, which has at most " + MAX_X509_REGISTRATION_ID + " characters");
        }
        X509CertificateWithInfo primary = deviceCertificate(client.primary(), "primary", registrationId);
        X509CertificateWithInfo secondary = present(client.secondary())
                ? deviceCertificate(client.secondary(), "secondary", registrationId) : null;
        return AttestationMechanism.x509(new X509Attestation(new X509Certificates(primary, secondary), null, null));
    }

    AttestationMechanism group(X509Attestation x509) {
        if (x509 != null && has(x509.clientCertificates())) {
            throw invalid("an enrollment group admits devices by the CA that signed their certificates: use"
                    + " x509.signingCertificates (upload the root or intermediate CA certificate) or x509.caReferences (name"
                    + " a registered CA certificate); clientCertificates are for individual enrollments");
        }
        boolean signing = x509 != null && has(x509.signingCertificates());
        boolean references = x509 != null && has(x509.caReferences());
        if (signing == references) {
            throw invalid((signing ? "use either x509.signingCertificates or x509.caReferences, not both" : "an X.509"
                    + " enrollment group needs its CA") + ": \"x509\":{\"signingCertificates\":{\"primary\":{\"certificate\":"
                    + "\"<CA PEM>\"}}} or \"x509\":{\"caReferences\":{\"primary\":\"<registered CA name>\"}}");
        }
        if (signing) {
            X509Certificates uploaded = x509.signingCertificates();
            if (uploaded.primary() == null) {
                throw invalid("x509.signingCertificates needs a primary certificate (the secondary is optional)");
            }
            X509CertificateWithInfo primary = caCertificate(uploaded.primary(), "primary");
            X509CertificateWithInfo secondary = present(uploaded.secondary()) ? caCertificate(uploaded.secondary(), "secondary") : null;
            return AttestationMechanism.x509(new X509Attestation(null, new X509Certificates(primary, secondary), null));
        }
        X509CaReferences names = x509.caReferences();
        if (blank(names.primary())) {
            throw invalid("x509.caReferences needs a primary CA name (the secondary is optional)");
        }
        String primary = registeredCa(names.primary(), "primary");
        String secondary = blank(names.secondary()) ? null : registeredCa(names.secondary(), "secondary");
        return AttestationMechanism.x509(new X509Attestation(null, null, new X509CaReferences(primary, secondary)));
    }

    private X509CertificateWithInfo deviceCertificate(X509CertificateWithInfo given, String slot, String registrationId) {
        String field = "x509.clientCertificates." + slot + ".certificate";
        X509Certificate certificate = read(given, field);
        String cn = Certificates.commonName(certificate);
        if (cn == null || !cn.equalsIgnoreCase(registrationId)) {
            throw invalid("the device certificate in " + field + " has " + (cn == null ? "no CN" : "CN '" + cn + "'")
                    + ", but its CN must be the registration ID '" + registrationId + "': a device presenting it registers"
                    + " under its CN; issue the certificate with CN=" + registrationId + " or name the enrollment after the CN");
        }
        return new X509CertificateWithInfo(given.certificate(), Certificates.info(certificate));
    }

    private X509CertificateWithInfo caCertificate(X509CertificateWithInfo given, String slot) {
        String field = "x509.signingCertificates." + slot + ".certificate";
        X509Certificate certificate = read(given, field);
        if (!Certificates.isCa(certificate)) {
            throw invalid("the certificate in " + field + " (" + certificate.getSubjectX500Principal().getName()
                    + ") is not a CA certificate (it lacks basicConstraints CA:true); an enrollment group needs the root or"
                    + " intermediate CA certificate that signed its devices' certificates, not a device certificate");
        }
        return new X509CertificateWithInfo(given.certificate(), Certificates.info(certificate));
    }

    /** Unverified CAs are accepted here: devices are refused until the CA is verified. */
    private String registeredCa(String name, String slot) {
        String wanted = name.strip();
        return enrollments.findCaCertificate(wanted).map(CaCertificateRecord::name).orElseThrow(() -> invalid(
                "x509.caReferences." + slot + " names the CA certificate '" + wanted + "', but no CA certificate has that"
                        + " name; " + registeredNames() + " (register one with PUT /certificates/{name})"));
    }

    private String registeredNames() {
        List<String> names = new ArrayList<>();
        String continuation = null;
        do {
            Page<CaCertificateRecord> page = registry.listCaCertificates(1000, continuation);
            page.items().forEach(ca -> names.add(ca.name()));
            continuation = page.continuation();
        } while (continuation != null);
        return names.isEmpty() ? "none is registered yet" : "registered: " + String.join(", ", names);
    }

    private X509Certificate read(X509CertificateWithInfo given, String field) {
        return UploadedCertificates.readOne(given.certificate(), field, clock.instant(), DpsErrorCode.INVALID_ENROLLMENT);
    }

    /** Clients send back {@code "secondary":{}} or {@code "secondary":{"info":…}} after a GET; no certificate = none. */
    private static boolean present(X509CertificateWithInfo certificate) {
        return certificate != null && !blank(certificate.certificate());
    }

    private static boolean has(X509Certificates certificates) {
        return certificates != null && (certificates.primary() != null || present(certificates.secondary()));
    }

    private static boolean has(X509CaReferences references) {
        return references != null && (!blank(references.primary()) || !blank(references.secondary()));
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, message);
    }
}
