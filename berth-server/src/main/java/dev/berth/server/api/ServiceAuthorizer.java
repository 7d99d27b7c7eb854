package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.MalformedSasTokenException;
import dev.berth.protocol.sas.SasToken;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.ProvisioningException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the {@code Authorization: SharedAccessSignature …} header of a service API call against the one
 * service policy (name + key). The token's {@code sr} must name this server: one of its configured host
 * names, or the host the client dialled (so a CLI using {@code localhost:8443} works). The HMAC is checked
 * over {@code sr} exactly as sent, because the SDKs disagree on its encoding and case.
 */
public final class ServiceAuthorizer {
    private final String policyName;
    private final String policyKey;
    private final Set<String> hostNames;
    private final Clock clock;

    public ServiceAuthorizer(String policyName, String policyKeyBase64, Collection<String> hostNames, Clock clock) {
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("the service policy needs a name");
        }
        if (!SharedAccessSignatures.isValidKey(policyKeyBase64)) {
            throw new IllegalArgumentException("the service policy key must be base64 of 16 to 64 bytes");
        }
        this.policyName = policyName;
        this.policyKey = policyKeyBase64;
        this.hostNames = new LinkedHashSet<>();
        for (String host : hostNames) {
            this.hostNames.add(bareHost(host));
        }
        this.clock = clock;
    }

    /**
     * @param authorization the Authorization header, or null
     * @param requestHost   the Host header of the request (may carry a port), or null
     * @throws ProvisioningException 401 with the reason when the call is not authorised
     */
    public void authorize(String authorization, String requestHost) {
        if (authorization == null || authorization.isBlank()) {
            throw new ProvisioningException(DpsErrorCode.UNAUTHORIZED,
                    "the request has no Authorization header; send a SharedAccessSignature made from the service connection string");
        }
        SasToken token;
        try {
            token = SasToken.parse(authorization);
        } catch (MalformedSasTokenException e) {
            throw new ProvisioningException(DpsErrorCode.SAS_TOKEN_MALFORMED,
                    "the Authorization header is not a valid SharedAccessSignature: " + e.getMessage());
        }
        if (token.keyName() == null || !token.keyName().equalsIgnoreCase(policyName)) {
            String named = token.keyName() == null ? "no policy (skn)" : "the policy '" + token.keyName() + "' (skn)";
            throw new ProvisioningException(DpsErrorCode.SAS_POLICY_UNKNOWN,
                    "the token names " + named + ", but this server's service policy is '" + policyName
                            + "'; make the token from the service connection string");
        }
        long now = clock.instant().getEpochSecond();
        if (token.expiry() <= now) {
            throw new ProvisioningException(DpsErrorCode.SAS_TOKEN_EXPIRED,
                    "the SAS token expired " + (now - token.expiry()) + " seconds ago (se=" + token.expiry()
                            + "); make a new token and check that the client clock is right");
        }
        String resourceHost = bareHost(token.decodedResource());
        if (!hostNames.contains(resourceHost) && (requestHost == null || !bareHost(requestHost).equals(resourceHost))) {
            throw new ProvisioningException(DpsErrorCode.SAS_RESOURCE_MISMATCH,
                    "the token is for '" + resourceHost + "' (sr), but this server answers to " + String.join(", ", hostNames)
                            + "; make the token from a connection string whose HostName is one of these");
        }
        if (!SharedAccessSignatures.isSignedWith(token, policyKey)) {
            throw new ProvisioningException(DpsErrorCode.SAS_SIGNATURE_MISMATCH,
                    "the token's signature does not match the key of the service policy '" + policyName
                            + "'; check SharedAccessKey in the service connection string");
        }
    }

    /** {@code HOST:8443/path} → {@code host}; IPv6 literals keep their brackets. */
    static String bareHost(String resource) {
        String host = resource.strip().toLowerCase(Locale.ROOT);
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 0 ? host.substring(0, close + 1) : host;
        }
        int colon = host.indexOf(':');
        return colon >= 0 ? host.substring(0, colon) : host;
    }
}
