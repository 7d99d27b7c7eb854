package dev.berth.hub.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Error answers of the device-facing service routes, in IoT Hub's shape: {@code errorCode} (6 digits), message, trackingId. */
final class HubHttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HubHttpErrors.class);

    private HubHttpErrors() {
    }

    static void respond(RoutingContext ctx, int status, int errorCode, String name, String message) {
        String trackingId = UUID.randomUUID().toString();
        LOG.info("{} {} answered {} {} {}: {} (trackingId={})", ctx.request().method(), ctx.request().path(), status, errorCode,
                name, message, trackingId);
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        write(ctx, status, errorCode, name + ": " + message, trackingId);
    }

    private static void write(RoutingContext ctx, int status, int errorCode, String message, String trackingId) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("errorCode", errorCode);
        body.put("message", message);
        body.put("trackingId", trackingId);
        body.put("timestampUtc", Instant.now().toString());
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(Json.write(body));
    }

    /**
     * A failure of the hub itself (e.g. the store): the cause is logged at ERROR under the tracking ID the caller
     * gets, and the caller is told what failed without internal details such as SQL text.
     */
    static void serverError(RoutingContext ctx, String whatFailed, Throwable cause) {
        String trackingId = UUID.randomUUID().toString();
        LOG.error("{} {} failed: {} (trackingId={})", ctx.request().method(), ctx.request().path(), whatFailed, trackingId, cause);
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        write(ctx, 500, 500001, "ServerError: " + whatFailed + "; the operator log has the cause under this trackingId", trackingId);
    }

    static void badRequest(RoutingContext ctx, String message) {
        respond(ctx, 400, 400004, "ArgumentInvalid", message);
    }

    static void deviceNotFound(RoutingContext ctx, String deviceId) {
        respond(ctx, 404, 404001, "DeviceNotFound", "no device '" + deviceId + "' is registered");
    }
}
