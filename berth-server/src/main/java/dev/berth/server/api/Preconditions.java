package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.Etags;
import io.vertx.core.http.HttpMethod;

/**
 * The conditional-request headers of the service API, folded into the one precondition the store checks in its
 * write transaction: {@code If-Match} (a version, or {@code *}/none for any) as Azure DPS defines it, and
 * {@code If-None-Match: *} on a {@code PUT} (HTTP's create-only, which Azure does not offer) so that a client
 * can create without first reading, and of two concurrent creates exactly one wins.
 */
final class Preconditions {

    private Preconditions() {
    }

    /**
     * @return the value to pass where the store takes an If-Match, {@link Etags#CREATE_ONLY} for a create-only PUT
     * @throws ProvisioningException (400000) for an If-None-Match the service cannot honour
     */
    static String ifMatchOf(HttpMethod method, String ifMatch, String ifNoneMatch) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return ifMatch;
        }
        if (!ifNoneMatch.trim().equals("*")) {
            throw badRequest("If-None-Match is supported only as '*' (create only), got '" + ifNoneMatch.trim() + "'");
        }
        if (method != HttpMethod.PUT) {
            throw badRequest("If-None-Match: * applies to PUT (create only), not to " + method.name());
        }
        if (!Etags.isUnconditional(ifMatch)) {
            throw badRequest("If-Match " + ifMatch.trim() + " and If-None-Match: * contradict each other; send one of them");
        }
        return Etags.CREATE_ONLY;
    }

    private static ProvisioningException badRequest(String message) {
        return new ProvisioningException(DpsErrorCode.BAD_REQUEST, message);
    }
}
