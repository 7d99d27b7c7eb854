package dev.berth.server.attestation;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Picks the attestation a device used: a SAS token when it sent one, else the client certificate of its
 * TLS session. Every device transport authenticates through here. Blocking (reads the store).
 */
public final class DeviceAuthenticator {
    private final SymmetricKeyAttestor symmetricKeys;
    private final X509Attestor certificates;

    public DeviceAuthenticator(SymmetricKeyAttestor symmetricKeys, X509Attestor certificates) {
        this.symmetricKeys = symmetricKeys;
        this.certificates = certificates;
    }

    /**
     * @param sasToken the MQTT password or HTTP Authorization header, or null
     * @param tls the device's TLS session, or null
     */
    public AuthenticatedDevice authenticate(String idScope, String registrationId, String sasToken, SSLSession tls) {
        if (sasToken != null && !sasToken.isBlank()) {
            return symmetricKeys.authenticate(idScope, registrationId, sasToken);
        }
        return certificates.authenticate(registrationId, clientChain(tls));
    }

    /** The certificates the client presented, leaf first; empty when it presented none. */
    public static List<X509Certificate> clientChain(SSLSession tls) {
        List<X509Certificate> chain = new ArrayList<>();
        if (tls == null) {
            return chain;
        }
        try {
            for (Certificate certificate : tls.getPeerCertificates()) {
                if (certificate instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException noClientCertificate) {
            // the device sent no certificate: the empty chain leads to a refusal that says so
        }
        return chain;
    }
}
