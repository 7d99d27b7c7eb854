package dev.berth.server.store;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import dev.berth.protocol.service.X509CertificateWithInfo;
import dev.berth.protocol.service.X509Certificates;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the store indexes of an X.509 attestation. Thumbprints come from the {@code info} the service API
 * computed before saving (the store parses no certificates); a certificate without info is not indexed.
 */
final class X509References {
    static final String CLIENT = "client";
    static final String SIGNING = "signing";

    private X509References() {
    }

    /** Upper-case SHA-256 thumbprint → role, each thumbprint once (a primary repeated as secondary counts once). */
    static Map<String, String> thumbprints(AttestationMechanism attestation) {
        Map<String, String> thumbprints = new LinkedHashMap<>();
        X509Attestation x509 = x509(attestation);
        if (x509 != null) {
            add(thumbprints, x509.clientCertificates(), CLIENT);
            add(thumbprints, x509.signingCertificates(), SIGNING);
        }
        return thumbprints;
    }

    /** Lower-cased CA names of {@code caReferences}. */
    static Set<String> caNameKeys(AttestationMechanism attestation) {
        Set<String> names = new LinkedHashSet<>();
        X509Attestation x509 = x509(attestation);
        X509CaReferences references = x509 == null ? null : x509.caReferences();
        if (references != null) {
            for (String name : new String[] {references.primary(), references.secondary()}) {
                if (name != null && !name.isBlank()) {
                    names.add(nameKey(name));
                }
            }
        }
        return names;
    }

    static String nameKey(String caName) {
        return StoreKeys.keyOf("CA certificate", StoreKeys.requireId("CA certificate", caName).strip());
    }

    static String thumbprintKey(String sha256Thumbprint) {
        if (sha256Thumbprint == null || sha256Thumbprint.isBlank()) {
            throw new IllegalArgumentException("SHA-256 thumbprint is missing");
        }
        return sha256Thumbprint.strip().toUpperCase(Locale.ROOT);
    }

    private static X509Attestation x509(AttestationMechanism attestation) {
        return attestation == null || !attestation.isX509() ? null : attestation.x509();
    }

    private static void add(Map<String, String> thumbprints, X509Certificates certificates, String role) {
        if (certificates == null) {
            return;
        }
        for (X509CertificateWithInfo certificate : new X509CertificateWithInfo[] {certificates.primary(), certificates.secondary()}) {
            if (certificate != null && certificate.info() != null && certificate.info().sha256Thumbprint() != null
                    && !certificate.info().sha256Thumbprint().isBlank()) {
                thumbprints.putIfAbsent(thumbprintKey(certificate.info().sha256Thumbprint()), role);
            }
        }
    }
}
