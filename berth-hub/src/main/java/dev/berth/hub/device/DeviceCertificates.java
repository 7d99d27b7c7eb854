package dev.berth.hub.device;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.server.pki.Certificates;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

/** X.509 device authentication: a registered thumbprint ({@code selfSigned}) or a chain to the device's CA. */
final class DeviceCertificates {
    private DeviceCertificates() {
    }

    /** The leaf's SHA-256 or SHA-1 thumbprint (hex, any case) must be the primary or secondary one. */
    static void requireThumbprint(DeviceRecord device, X509Certificate leaf, Instant now) {
        requireValidAt(leaf, now);
        String sha256 = Certificates.sha256Thumbprint(leaf);
        String sha1 = Certificates.sha1Thumbprint(leaf);
        for (String registered : new String[] {device.primaryThumbprint(), device.secondaryThumbprint()}) {
            if (registered != null && (registered.equalsIgnoreCase(sha256) || registered.equalsIgnoreCase(sha1))) {
                return;
            }
        }
        throw ConnectRefusal.badCredentials("thumbprint_mismatch", "the certificate of device '" + device.deviceId()
                + "' (SHA-256 " + sha256 + ") matches neither registered thumbprint");
    }

    /** PKIX validation of the presented chain up to the CA recorded for the device; leaf CN = device ID. */
    static void requireChainToCa(DeviceRecord device, List<X509Certificate> chain, Instant now) {
        X509Certificate leaf = chain.get(0);
        String cn = Certificates.commonName(leaf);
        if (cn == null || !cn.equalsIgnoreCase(device.deviceId())) {
            throw ConnectRefusal.badCredentials("cn_mismatch", "the certificate CN '" + cn + "' must be the device ID '"
                    + device.deviceId() + "'");
        }
        if (device.caCertificatePem() == null || device.caCertificatePem().isBlank()) {
            throw ConnectRefusal.notAuthorized("no_ca_recorded", "device '" + device.deviceId()
                    + "' is of type certificateAuthority but the hub has no CA certificate for it; re-provision the device");
        }
        X509Certificate anchor;
        try {
            anchor = Certificates.parseOne(device.caCertificatePem());
        } catch (RuntimeException e) {
            throw ConnectRefusal.notAuthorized("no_ca_recorded", "the CA recorded for device '" + device.deviceId()
                    + "' cannot be read: " + e.getMessage());
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            if (certificate.equals(anchor)) {
                break; // a device may send the root too; the path stops below the anchor
            }
            path.add(certificate);
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(now));
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (CertPathValidatorException e) {
            throw ConnectRefusal.badCredentials("chain_not_trusted", "the certificate chain of device '" + device.deviceId()
                    + "' does not lead to its CA '" + Certificates.commonName(anchor) + "': " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw ConnectRefusal.badCredentials("chain_not_trusted", "the certificate chain cannot be validated: " + e.getMessage());
        }
    }

    private static void requireValidAt(X509Certificate leaf, Instant now) {
        if (now.isBefore(leaf.getNotBefore().toInstant()) || now.isAfter(leaf.getNotAfter().toInstant())) {
            throw ConnectRefusal.badCredentials("certificate_expired", "the device certificate is valid from "
                    + leaf.getNotBefore().toInstant() + " to " + leaf.getNotAfter().toInstant() + ", not at the server time " + now);
        }
    }
}
