package dev.berth.hub.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /twins/{id}/methods}: calls a direct method on a connected device and answers
 * {@code {"status","payload"}} with the device's answer; 404 (404103) when the device is not online within
 * {@code connectTimeoutInSeconds}, 504 (504101) without an answer within {@code responseTimeoutInSeconds}.
 * A device connected to another node is called through the store ({@link ClusterLink#callElsewhere}).
 */
final class MethodInvocationRoute {
    static final int MAX_PAYLOAD_BYTES = 128 * 1024;

    private final HubSessionContext context;
    private final LocalMethodInvoker invoker;

    MethodInvocationRoute(HubSessionContext context, LocalMethodInvoker invoker) {
        this.context = context;
        this.invoker = invoker;
    }

    void mount(Router router, Handler<RoutingContext> authorizer) {
        // the body is read only after the authorizer (a method reference: Vert.x would insist on body handlers first)
        BodyHandler body = BodyHandler.create(false).setBodyLimit(MAX_PAYLOAD_BYTES + 8192);
        router.post("/twins/:deviceId/methods").handler(authorizer)
                .handler(body::handle).handler(this::invoke);
    }

    private void invoke(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        DirectMethodCall call;
        try {
            call = parse(ctx.body().buffer());
        } catch (IllegalArgumentException e) {
            context.metrics().methodCall("rejected");
            HubHttpErrors.badRequest(ctx, e.getMessage());
            return;
        }
        DeviceSession here = context.devices().find(deviceId);
        if ((here == null || !here.receivesMethods()) && context.cluster().spansNodes()) {
            context.cluster().callElsewhere(deviceId, call).onComplete(done -> respond(ctx, done));
            return;
        }
        // answers at once when the device is here and subscribed; else waits up to connectTimeoutInSeconds
        context.devices().awaitMethodSubscriber(context.vertx(), deviceId, call.connectTimeoutSeconds() * 1000L).onComplete(online -> {
            if (online.failed()) {
                respond(ctx, Future.succeededFuture(MethodOutcome.notOnline("device '" + deviceId
                        + "' is not connected or has not subscribed to $iothub/methods/POST/# (waited "
                        + call.connectTimeoutSeconds() + " s)")));
            } else {
                invoker.invoke(online.result(), call.methodName(), call.payload(), call.responseTimeoutSeconds())
                        .onComplete(done -> respond(ctx, done));
            }
        });
    }

    private void respond(RoutingContext ctx, AsyncResult<MethodOutcome> done) {
        if (done.failed()) {
            context.metrics().methodCall("failed");
            HubHttpErrors.serverError(ctx, "the method call failed", done.cause());
            return;
        }
        MethodOutcome outcome = done.result();
        switch (outcome.kind()) {
            case ANSWERED -> {
                context.metrics().methodCall("answered");
                ObjectNode body = Json.MAPPER.createObjectNode();
                body.put("status", outcome.status());
                body.set("payload", payloadJson(outcome.payload()));
                ctx.response().putHeader("content-type", "application/json; charset=utf-8").end(Json.write(body));
            }
            case NOT_ONLINE -> {
                context.metrics().methodCall("not_online");
                HubHttpErrors.respond(ctx, 404, 404103, "DeviceNotOnline", outcome.detail());
            }
            case TIMEOUT -> {
                context.metrics().methodCall("timeout");
                HubHttpErrors.respond(ctx, 504, 504101, "GatewayTimeout", outcome.detail());
            }
        }
    }

    static DirectMethodCall parse(Buffer buffer) {
        JsonNode body;
        try {
            body = buffer == null || buffer.length() == 0 ? null : Json.MAPPER.readTree(buffer.getBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (!(body instanceof ObjectNode)) {
            throw new IllegalArgumentException("the body must be a JSON object {\"methodName\",\"payload\",\"responseTimeoutInSeconds\"}");
        }
        String name = body.path("methodName").asText("");
        if (name.isEmpty() || name.contains("/") || name.contains("#") || name.contains("+") || name.contains("?")) {
            throw new IllegalArgumentException("methodName must be a non-empty name without '/', '#', '+' or '?', got '" + name + "'");
        }
        JsonNode payload = body.get("payload");
        byte[] bytes = payload == null ? "null".getBytes(StandardCharsets.UTF_8) : Json.write(payload).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload has " + bytes.length + " bytes; the limit is 128 KB");
        }
        int response = seconds(body, "responseTimeoutInSeconds", 30, 5, 300);
        int connect = seconds(body, "connectTimeoutInSeconds", 0, 0, 300);
        return new DirectMethodCall(name, bytes, response, connect);
    }

    private static int seconds(JsonNode body, String field, int fallback, int min, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min || value.asInt() > max) {
            throw new IllegalArgumentException(field + " must be a whole number from " + min + " to " + max + ", got " + value);
        }
        return value.asInt();
    }

    private static JsonNode payloadJson(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(payload);
        } catch (IOException e) {
            return Json.MAPPER.getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }
}
