package dev.berth.hub.api;

import dev.berth.hub.store.DeviceNotFoundException;
import dev.berth.hub.store.TwinTooLargeException;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.hub.HubErrorBody;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import dev.berth.server.store.ConflictException;
import dev.berth.server.store.PreconditionFailedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a hub REST route turns a failure into an IoT Hub error answer: status = code / 1000,
 * header {@code iothub-errorcode: DeviceNotFound}, body {@code {"errorCode":404001,"trackingId":…,"message":…,
 * "timestampUtc":…}}. Refusals are logged (WARN; ERROR with the stack for server faults) and counted by reason.
 */
public final class HubErrorResponder {
    public static final String REFUSALS_METRIC = "berth.hub.service.refusals";
    private static final Logger LOG = LoggerFactory.getLogger(HubErrorResponder.class);

    private final MeterRegistry meters;
    private final Clock clock;

    public HubErrorResponder(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    public void respond(RoutingContext ctx, Throwable failure) {
        HubException refusal = toRefusal(failure);
        HubErrorCode code = refusal.code();
        String request = ctx.request().method() + " " + ctx.request().path();
        if (code.httpStatus() >= 500) {
            LOG.error("{} failed: {} trackingId={} {}", request, code.code(), refusal.trackingId(), refusal.getMessage(),
                    refusal.getCause() != null ? refusal.getCause() : refusal);
        } else {
            LOG.warn("{} refused: {} {} trackingId={} {}", request, code.code(), code.errorName(), refusal.trackingId(),
                    refusal.getMessage());
        }
        Counter.builder(REFUSALS_METRIC).tag("reason", code.reason()).register(meters).increment();
        if (ctx.response().headWritten() || ctx.response().closed()) {
            return;
        }
        String message = code.httpStatus() >= 500 && !(failure instanceof HubException)
                ? "the hub failed to handle the request; the operator log has details under this tracking ID"
                : refusal.getMessage();
        ctx.response()
                .setStatusCode(code.httpStatus())
                .putHeader("iothub-errorcode", code.errorName())
                .putHeader("content-type", "application/json; charset=utf-8")
                .end(Json.write(new HubErrorBody(code.code(), refusal.trackingId(), message, DpsTimestamps.format(clock.instant()))));
    }

    /** Use as a route's failure handler. */
    public void handleFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        respond(ctx, failure != null ? failure : new HttpException(ctx.statusCode() < 0 ? 500 : ctx.statusCode()));
    }

    static HubException toRefusal(Throwable failure) {
        if (failure instanceof HubException refusal) {
            return refusal;
        }
        if (failure instanceof ProvisioningException denied && denied.code().httpStatus() == 401) {
            return new HubException(HubErrorCode.UNAUTHORIZED_ACCESS, denied.clientMessage()
                    .replace("service connection string", "hub connection string")
                    .replace("service policy", "hub policy"), denied);
        }
        if (failure instanceof PreconditionFailedException mismatch) {
            return new HubException(HubErrorCode.PRECONDITION_FAILED, mismatch.getMessage() + "; read it again and retry with its etag", mismatch);
        }
        if (failure instanceof ConflictException conflict) {
            return new HubException(HubErrorCode.DEVICE_ALREADY_EXISTS, conflict.getMessage(), conflict);
        }
        if (failure instanceof DeviceNotFoundException missing) {
            return new HubException(HubErrorCode.DEVICE_NOT_FOUND, missing.getMessage(), missing);
        }
        if (failure instanceof TwinTooLargeException tooLarge) {
            return new HubException(HubErrorCode.ARGUMENT_INVALID, tooLarge.getMessage(), tooLarge);
        }
        if (failure instanceof IllegalArgumentException invalid) {
            // The store's input rules (twin property names and depth, continuation tokens) say what is wrong.
            return new HubException(HubErrorCode.ARGUMENT_INVALID, invalid.getMessage(), invalid);
        }
        if (failure instanceof HttpException http) {
            int status = http.getStatusCode();
            return switch (status) {
                case 413 -> new HubException(HubErrorCode.MESSAGE_TOO_LARGE, "the request body is larger than the hub accepts", http);
                case 404 -> new HubException(HubErrorCode.GENERIC_NOT_FOUND, "no such resource", http);
                case 405 -> new HubException(HubErrorCode.METHOD_NOT_ALLOWED, "method not allowed", http);
                default -> status >= 400 && status < 500
                        ? new HubException(HubErrorCode.GENERIC_BAD_REQUEST, "the request was refused (HTTP " + status + ")", http)
                        : new HubException(HubErrorCode.SERVER_ERROR, "http " + status, http);
            };
        }
        return new HubException(HubErrorCode.SERVER_ERROR, "unexpected " + failure, failure);
    }
}
