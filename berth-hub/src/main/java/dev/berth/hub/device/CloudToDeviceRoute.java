package dev.berth.hub.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.CloudToDeviceMessage;
import dev.berth.hub.store.DeviceNotFoundException;
import dev.berth.server.Json;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /devices/{id}/messages/devicebound}: queues a cloud-to-device message durably and answers
 * 202 with its {@code messageId}; the device gets it on {@code devices/{id}/messages/devicebound/{bag}}
 * once subscribed. Body: {@code payload} (a JSON string is sent as its text, other JSON as JSON, ≤ 64 KB),
 * {@code properties} (string values), optional {@code messageId}, {@code correlationId},
 * {@code ttlSeconds} (1 to 172800, default 3600).
 */
final class CloudToDeviceRoute {
    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    static final int MAX_TTL_SECONDS = 172_800;
    static final int DEFAULT_TTL_SECONDS = 3600;

    private final HubSessionContext context;
    private final DeviceNotifier notifier;

    CloudToDeviceRoute(HubSessionContext context, DeviceNotifier notifier) {
        this.context = context;
        this.notifier = notifier;
    }

    void mount(Router router, Handler<RoutingContext> authorizer) {
        // the body is read only after the authorizer (a method reference: Vert.x would insist on body handlers first)
        BodyHandler body = BodyHandler.create(false).setBodyLimit(4 * MAX_PAYLOAD_BYTES);
        router.post("/devices/:deviceId/messages/devicebound").handler(authorizer)
                .handler(body::handle).handler(this::enqueue);
    }

    private void enqueue(RoutingContext ctx) {
        String deviceId = ctx.pathParam("deviceId");
        CloudToDeviceMessage message;
        try {
            message = parse(deviceId, ctx.body().buffer(), context.clock().instant());
        } catch (IllegalArgumentException e) {
            HubHttpErrors.badRequest(ctx, e.getMessage());
            return;
        }
        context.vertx().executeBlocking(() -> {
            if (context.store().findDevice(deviceId).isEmpty()) {
                return null;
            }
            return context.store().enqueue(message);
        }, false).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof DeviceNotFoundException) {
                HubHttpErrors.deviceNotFound(ctx, deviceId);
            } else if (ar.failed()) {
                HubHttpErrors.serverError(ctx, "the message could not be queued", ar.cause());
            } else if (ar.result() == null) {
                HubHttpErrors.deviceNotFound(ctx, deviceId);
            } else {
                ObjectNode body = Json.MAPPER.createObjectNode().put("messageId", ar.result().messageId())
                        .put("expiresAt", ar.result().expiresAt().toString());
                ctx.response().setStatusCode(202).putHeader("content-type", "application/json; charset=utf-8").end(Json.write(body));
                notifier.cloudToDeviceMessageQueued(deviceId);
            }
        });
    }

    static CloudToDeviceMessage parse(String deviceId, Buffer buffer, Instant now) {
        JsonNode body;
        try {
            body = buffer == null || buffer.length() == 0 ? null : Json.MAPPER.readTree(buffer.getBytes());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (!(body instanceof ObjectNode)) {
            throw new IllegalArgumentException("the body must be a JSON object {\"payload\",\"properties\",\"ttlSeconds\"}");
        }
        JsonNode payload = body.path("payload");
        byte[] bytes = payload.isMissingNode() || payload.isNull() ? new byte[0]
                : (payload.isTextual() ? payload.asText() : Json.write(payload)).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("the payload has " + bytes.length + " bytes; cloud-to-device messages are limited to 64 KB");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode props = body.path("properties");
        if (!props.isMissingNode() && !props.isNull()) {
            if (!props.isObject()) {
                throw new IllegalArgumentException("properties must be a JSON object of strings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().isEmpty() || field.getKey().startsWith("$") || !field.getValue().isValueNode() || field.getValue().isNull()) {
                    throw new IllegalArgumentException("property '" + field.getKey() + "' must have a name not starting with '$'"
                            + " and a string, number or boolean value");
                }
                properties.put(field.getKey(), field.getValue().asText());
            }
        }
        long ttl = body.path("ttlSeconds").asLong(DEFAULT_TTL_SECONDS);
        if (body.has("ttlSeconds") && (!body.get("ttlSeconds").isIntegralNumber() || ttl < 1 || ttl > MAX_TTL_SECONDS)) {
            throw new IllegalArgumentException("ttlSeconds must be a whole number from 1 to " + MAX_TTL_SECONDS + " (2 days)");
        }
        String messageId = text(body, "messageId", UUID.randomUUID().toString());
        String correlationId = text(body, "correlationId", null);
        return new CloudToDeviceMessage(messageId, deviceId, bytes, properties, correlationId, now, now.plusSeconds(ttl), 0);
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.asText().isEmpty() || value.asText().length() > 128) {
            throw new IllegalArgumentException(field + " must be a string of 1 to 128 characters");
        }
        return value.asText();
    }
}
