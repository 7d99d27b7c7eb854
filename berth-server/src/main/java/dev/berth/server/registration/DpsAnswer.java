package dev.berth.server.registration;

import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.ProvisioningErrorDetails;
import dev.berth.protocol.dps.RegistrationOperationStatus;
import dev.berth.server.ProvisioningException;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * A transport-neutral answer to a device request: an HTTP-style status (202 while assigning, 200 when the
 * operation is terminal, 4xx/5xx for refusals), the JSON body, and a retry-after for 202 and 429.
 */
public record DpsAnswer(int status, Object body, OptionalInt retryAfterSeconds) {

    public static DpsAnswer assigning(RegistrationOperationStatus status, int retryAfterSeconds) {
        return new DpsAnswer(202, status, OptionalInt.of(retryAfterSeconds));
    }

    public static DpsAnswer done(RegistrationOperationStatus status) {
        return new DpsAnswer(200, status, OptionalInt.empty());
    }

    public static DpsAnswer refusal(ProvisioningException e, Instant now) {
        ProvisioningErrorDetails details = new ProvisioningErrorDetails(e.code().code(), e.trackingId(), e.clientMessage(),
                null, DpsTimestamps.format(now));
        int status = e.code().httpStatus();
        return new DpsAnswer(status, details, status == 429 || status == 503 ? OptionalInt.of(5) : OptionalInt.empty());
    }
}
