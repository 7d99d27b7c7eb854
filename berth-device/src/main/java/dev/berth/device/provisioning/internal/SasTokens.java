package dev.berth.device.provisioning.internal;

import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.device.security.X509Credential;
import dev.berth.protocol.dps.DpsResource;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.KeyManager;

/** What a device presents to the provisioning service for its credential, the same on every transport. */
final class SasTokens {

    private SasTokens() {
    }

    /**
     * A fresh SAS token for {@code {idScope}/registrations/{registrationId}}, key name {@code registration};
     * empty for an X.509 credential, which proves itself in the TLS handshake instead.
     */
    static Optional<String> forRegistration(ProvisioningSettings settings) {
        // --release 17 has no pattern switch; DeviceCredential is sealed, so this list is complete
        if (settings.credential() instanceof SymmetricKeyCredential key) {
            return Optional.of(key.createSasToken(DpsResource.of(settings.idScope(), settings.registrationId()),
                    Instant.now().plus(settings.sasTokenLifetime()), "registration"));
        }
        return Optional.empty();
    }

    /** The TLS client certificate for an X.509 credential, none for a symmetric key. */
    static KeyManager[] clientCertificate(ProvisioningSettings settings) {
        return settings.credential() instanceof X509Credential certificate
                ? certificate.keyManagerFactory().getKeyManagers() : null;
    }
}
