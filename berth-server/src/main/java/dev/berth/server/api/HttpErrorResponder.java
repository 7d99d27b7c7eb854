package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.ProvisioningErrorDetails;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.ConflictException;
import dev.berth.server.store.AlreadyExistsException;
import dev.berth.server.store.PreconditionFailedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where an HTTP route turns a failure into a DPS error answer: status = code / 1000, body
 * {@code ProvisioningErrorDetails}, header {@code x-ms-error-code}. Every refusal is logged (WARN for client
 * errors, ERROR with the stack for server faults) and counted under the configured metric, tagged by reason.
 */
public final class HttpErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrorResponder.class);

    private final Consumer<DpsErrorCode> countRefusal;
    private final Clock clock;

    /** @param metricName e.g. {@code berth.service.refusals}; one counter per reason tag */
    public HttpErrorResponder(MeterRegistry meters, String metricName, Clock clock) {
        this(code -> Counter.builder(metricName).tag("reason", code.reason()).register(meters).increment(), clock);
    }

    /** @param countRefusal counts a refusal where the caller's metric lives (e.g. device refusals by transport) */
    public HttpErrorResponder(Consumer<DpsErrorCode> countRefusal, Clock clock) {
        this.countRefusal = countRefusal;
        this.clock = clock;
    }

    /** Use as a route's failure handler: maps {@code ctx.failure()} or, failing that, {@code ctx.statusCode()}. */
    public void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        respond(ctx, failure != null ? failure : new HttpException(ctx.statusCode() < 0 ? 500 : ctx.statusCode()));
    }

    public void respond(RoutingContext ctx, Throwable failure) {
        ProvisioningException refusal = toRefusal(failure);
        DpsErrorCode code = refusal.code();
        String request = ctx.request().method() + " " + ctx.request().path();
        if (code.httpStatus() >= 500) {
            LOG.error("{} failed: {} trackingId={} {}", request, code.code(), refusal.trackingId(), refusal.logMessage(),
                    refusal.getCause() != null ? refusal.getCause() : refusal);
        } else {
            LOG.warn("{} refused: {} {} trackingId={} {}", request, code.code(), code.reason(), refusal.trackingId(),
                    refusal.logMessage());
        }
        countRefusal.accept(code);
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return; // the answer was already under way; the log line is all we can give
        }
        ProvisioningErrorDetails body = new ProvisioningErrorDetails(code.code(), refusal.trackingId(),
                refusal.clientMessage(), null, DpsTimestamps.format(clock.instant()));
        ctx.response()
                .setStatusCode(code.httpStatus())
                .putHeader("x-ms-error-code", Integer.toString(code.code()))
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(Json.write(body));
    }

    private static ProvisioningException toRefusal(Throwable failure) {
        if (failure instanceof ProvisioningException refusal) {
            return refusal;
        }
        if (failure instanceof PreconditionFailedException mismatch) {
            return new ProvisioningException(DpsErrorCode.PRECONDITION_FAILED,
                    mismatch.getMessage() + "; read it again and retry with its etag", mismatch.getMessage(), mismatch);
        }
        if (failure instanceof AlreadyExistsException exists) {
            return new ProvisioningException(DpsErrorCode.PRECONDITION_FAILED, exists.getMessage(), exists.getMessage(), exists);
        }
        if (failure instanceof ConflictException conflict) {
            return new ProvisioningException(DpsErrorCode.CONFLICT, conflict.getMessage(), conflict.getMessage(), conflict);
        }
        if (failure instanceof HttpException http) {
            return fromStatus(http.getStatusCode(), http);
        }
        return new ProvisioningException(DpsErrorCode.INTERNAL_ERROR,
                "the server failed to handle the request; the operator log has details under this tracking ID",
                "unexpected " + failure, failure);
    }

    private static ProvisioningException fromStatus(int status, Throwable cause) {
        return switch (status) {
            case 413 -> new ProvisioningException(DpsErrorCode.PAYLOAD_TOO_LARGE,
                    "the request body is larger than this endpoint accepts", "body over limit", cause);
            case 400 -> new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the request is malformed",
                    "bad request: " + cause.getMessage(), cause);
            case 404 -> new ProvisioningException(DpsErrorCode.NOT_FOUND, "no such resource", "not found", cause);
            case 405 -> new ProvisioningException(DpsErrorCode.METHOD_NOT_ALLOWED, "method not allowed", "method", cause);
            case 415 -> new ProvisioningException(DpsErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "send the body as application/json", "media type", cause);
            default -> status >= 400 && status < 500
                    ? new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the request was refused (HTTP " + status + ")",
                            "http " + status, cause)
                    : new ProvisioningException(DpsErrorCode.INTERNAL_ERROR,
                            "the server failed to handle the request; the operator log has details under this tracking ID",
                            "http " + status + ": " + cause, cause);
        };
    }
}
