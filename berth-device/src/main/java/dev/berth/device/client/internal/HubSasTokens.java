package dev.berth.device.client.internal;

import dev.berth.device.security.SymmetricKeyCredential;
import dev.berth.protocol.hub.HubUsername;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The CONNECT password of a symmetric-key device: a SAS token for {@code {hub}/devices/{deviceId}} (no
 * {@code skn}), and when to replace it. MQTT 3.1.1 cannot refresh a token in-band, so the client reconnects
 * with a new one at {@value #RENEW_AT_PERCENT}% of its lifetime, well before the hub would drop it.
 */
public final class HubSasTokens {

    static final int RENEW_AT_PERCENT = 85;

    private final String resource;
    private final Duration lifetime;
    private final Clock clock;

    /** A token and the moments that matter for it. */
    public record IssuedToken(String password, Instant expiresAt, Instant renewAt) {

        /** How long from {@code now} until the connection should be renewed; never negative. */
        public Duration renewIn(Instant now) {
            Duration left = Duration.between(now, renewAt);
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    public HubSasTokens(String hubHostName, String deviceId, Duration lifetime, Clock clock) {
        this.resource = HubUsername.resource(hubHostName, deviceId);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A fresh token signed with the key; the resource is percent-encoded and signed exactly as sent. */
    public IssuedToken issue(SymmetricKeyCredential key) {
        Instant now = clock.instant();
        Instant expiry = now.plus(lifetime);
        String token = key.createSasToken(resource, expiry, null);
        return new IssuedToken(token, expiry, now.plus(lifetime.multipliedBy(RENEW_AT_PERCENT).dividedBy(100)));
    }

    /** The token for a credential that uses one; empty for X.509, which proves itself in the TLS handshake. */
    public Optional<IssuedToken> issueFor(dev.berth.device.security.DeviceCredential credential) {
        return credential instanceof SymmetricKeyCredential key ? Optional.of(issue(key)) : Optional.empty();
    }
}
