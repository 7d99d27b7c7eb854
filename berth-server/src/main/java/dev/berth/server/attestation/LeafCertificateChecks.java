package dev.berth.server.attestation;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.pki.Certificates;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The rules a device certificate must meet before any enrollment is looked at; each refusal says which. */
final class LeafCertificateChecks {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DIGITAL_SIGNATURE = 0;

    private LeafCertificateChecks() {
    }

    static void check(X509Certificate leaf, String registrationId, Instant now) {
        String cn = Certificates.commonName(leaf);
        if (cn == null) {
            throw refuse("the device certificate (subject '" + leaf.getSubjectX500Principal().getName()
                    + "') has no CN; its CN must be the registration ID '" + registrationId + "'");
        }
        if (!cn.equalsIgnoreCase(registrationId)) {
            throw refuse("the device certificate's CN '" + cn + "' differs from the registration ID '" + registrationId
                    + "' in the MQTT username or URL; they must be the same");
        }
        if (now.isBefore(leaf.getNotBefore().toInstant())) {
            throw refuse("the device certificate '" + cn + "' is not valid before " + leaf.getNotBefore().toInstant()
                    + " (server time " + now + "); check the device clock or the certificate dates");
        }
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            throw refuse("the device certificate '" + cn + "' expired on " + leaf.getNotAfter().toInstant()
                    + " (server time " + now + "); issue a new certificate and update the enrollment");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            throw refuse("the device certificate '" + cn + "' has a key usage without digitalSignature, so it cannot"
                    + " authenticate a TLS client");
        }
        List<String> extendedUsage = extendedKeyUsage(leaf);
        if (extendedUsage != null && !extendedUsage.contains(CLIENT_AUTH) && !extendedUsage.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw refuse("the device certificate '" + cn + "' has an extended key usage without clientAuth ("
                    + CLIENT_AUTH + "); a TLS client certificate needs it");
        }
    }

    private static List<String> extendedKeyUsage(X509Certificate leaf) {
        try {
            return leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw refuse("the device certificate's extended key usage cannot be read: " + e.getMessage());
        }
    }

    static ProvisioningException refuse(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_CERTIFICATE, message);
    }
}
