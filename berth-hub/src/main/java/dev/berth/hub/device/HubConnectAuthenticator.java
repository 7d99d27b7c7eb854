package dev.berth.hub.device;

import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.HubStore;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.protocol.sas.MalformedSasTokenException;
import dev.berth.protocol.sas.SasToken;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.attestation.DeviceAuthenticator;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/**
 * Checks who a hub CONNECT claims to be: the device must exist and be enabled, and prove it with a SAS
 * token signed by one of its keys (verified over {@code sr} exactly as sent: Node encodes it, Java does
 * not) or, without a password, with its TLS client certificate. Blocking (reads the store).
 */
final class HubConnectAuthenticator {
    private final HubStore store;
    private final Clock clock;
    private final Duration allowedClockSkew;
    private final DeviceCertificateCheck certificates;

    HubConnectAuthenticator(HubStore store, Clock clock, Duration allowedClockSkew) {
        this.store = store;
        this.clock = clock;
        this.allowedClockSkew = allowedClockSkew;
        this.certificates = new DeviceCertificateCheck(clock);
    }

    /** @throws ConnectRefusal saying why */
    DeviceRecord authenticate(HubUsername username, String password, SSLSession tls) {
        Optional<DeviceRecord> found;
        try {
            found = store.findDevice(username.deviceId());
        } catch (RuntimeException e) {
            throw ConnectRefusal.serverUnavailable("store_unavailable", "the device registry could not be read: " + e);
        }
        DeviceRecord device = found.orElseThrow(() -> ConnectRefusal.notAuthorized("unknown_device",
                "no device '" + username.deviceId() + "' is registered in hub '" + username.hubHostName() + "'"));
        if (!device.enabled()) {
            throw ConnectRefusal.notAuthorized("device_disabled", "device '" + device.deviceId() + "' is disabled"
                    + (device.statusReason() == null ? "" : " (" + device.statusReason() + ")"));
        }
        if (password != null && !password.isBlank()) {
            checkSasToken(device, username, password);
        } else {
            certificates.check(device, DeviceAuthenticator.clientChain(tls));
        }
        return device;
    }

    private void checkSasToken(DeviceRecord device, HubUsername username, String password) {
        if (!DeviceRecord.SAS.equals(device.authenticationType())) {
            throw ConnectRefusal.badCredentials("sas_not_allowed", "device '" + device.deviceId() + "' authenticates with "
                    + device.authenticationType() + " certificates, but sent a SAS token as password; connect with its certificate");
        }
        SasToken token;
        try {
            token = SasToken.parse(password);
        } catch (MalformedSasTokenException e) {
            throw ConnectRefusal.badCredentials("malformed_token", "the password is not a SAS token: " + e.getMessage());
        }
        if (token.keyName() != null) {
            throw ConnectRefusal.notAuthorized("policy_token_not_supported", "the SAS token names the policy '" + token.keyName()
                    + "' (skn); devices connect with a device-key token without skn");
        }
        String expected = username.sasResource();
        if (!token.decodedResource().equalsIgnoreCase(expected)) {
            throw ConnectRefusal.badCredentials("wrong_resource", "the SAS token is for '" + token.decodedResource()
                    + "' but this connection needs a token for '" + expected + "'");
        }
        Instant now = clock.instant();
        if (token.expiresAt().plus(allowedClockSkew).isBefore(now)) {
            long seconds = Duration.between(token.expiresAt(), now).toSeconds();
            throw ConnectRefusal.badCredentials("token_expired", "the SAS token expired at " + token.expiresAt() + ", " + seconds
                    + " s before the server time " + now + "; the device clock may be wrong or the token too old");
        }
        for (String key : List.of(nullToEmpty(device.primaryKey()), nullToEmpty(device.secondaryKey()))) {
            if (SharedAccessSignatures.isValidKey(key) && SharedAccessSignatures.isSignedWith(token, key)) {
                return;
            }
        }
        throw ConnectRefusal.badCredentials("bad_signature", "the SAS token of device '" + device.deviceId()
                + "' is not signed with its primary or secondary key (signed string: sr as sent + newline + se)");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** The checks of X.509 devices, kept apart from SAS. */
    static final class DeviceCertificateCheck {
        private final Clock clock;

        DeviceCertificateCheck(Clock clock) {
            this.clock = clock;
        }

        void check(DeviceRecord device, List<X509Certificate> chain) {
            if (chain.isEmpty()) {
                throw ConnectRefusal.badCredentials("no_credentials", "device '" + device.deviceId()
                        + "' sent neither a password (SAS token) nor a TLS client certificate");
            }
            X509Certificate leaf = chain.get(0);
            switch (device.authenticationType()) {
                case DeviceRecord.SELF_SIGNED -> DeviceCertificates.requireThumbprint(device, leaf, clock.instant());
                case DeviceRecord.CERTIFICATE_AUTHORITY -> DeviceCertificates.requireChainToCa(device, chain, clock.instant());
                default -> throw ConnectRefusal.badCredentials("certificate_not_allowed", "device '" + device.deviceId()
                        + "' authenticates with a SAS token (type " + device.authenticationType()
                        + ") but sent no password; send a SAS token as the MQTT password");
            }
        }
    }
}
