package dev.berth.hub.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.server.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code GET /telemetry/stream[?device=ID][&from=SEQ]}: chunked NDJSON, one stored telemetry message per
 * line, following new messages until the client goes away. With {@code from} it first replays the stored
 * messages after that sequence number. Live messages are those any hub node receives (other nodes relay theirs
 * while this node has followers), so live lines are in arrival order, not strictly by sequence. A client that
 * cannot keep up is cut off with a last line that says so.
 */
final class TelemetryStreamRoute {
    private static final int PAGE = 200;

    private final HubSessionContext context;

    TelemetryStreamRoute(HubSessionContext context) {
        this.context = context;
    }

    void mount(Router router, Handler<RoutingContext> authorizer) {
        router.get("/telemetry/stream").handler(authorizer).handler(this::stream);
    }

    private void stream(RoutingContext ctx) {
        String device = ctx.queryParams().get("device");
        String fromText = ctx.queryParams().get("from");
        long from;
        try {
            from = fromText == null ? -1 : Long.parseLong(fromText);
        } catch (NumberFormatException e) {
            HubHttpErrors.badRequest(ctx, "from must be a telemetry sequence number, got '" + fromText + "'");
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("content-type", "application/x-ndjson");
        response.write("");
        new Follower(ctx.vertx().getOrCreateContext(), response, device).start(from);
    }

    /** One client: buffers live messages while the replay runs, then writes them in sequence order once. */
    private final class Follower {
        private final Context http;
        private final HttpServerResponse response;
        private final String device;
        private final List<TelemetryMessage> buffered = new ArrayList<>();
        private boolean replaying = true;
        /** the last sequence the replay wrote: live messages up to it were already written */
        private long replayedUpTo = -1;
        private long highestSent = -1;
        private Runnable unfollow;

        Follower(Context http, HttpServerResponse response, String device) {
            this.http = http;
            this.response = response;
            this.device = device;
        }

        void start(long from) {
            unfollow = context.telemetry().follow(m -> {
                if (device == null || device.equals(m.deviceId())) {
                    http.runOnContext(v -> live(m));
                }
            });
            response.closeHandler(v -> unfollow.run());
            if (from < 0) {
                endReplay();
            } else {
                replayedUpTo = from;
                highestSent = from;
                replay();
            }
        }

        private void replay() {
            long after = replayedUpTo;
            Future<List<TelemetryMessage>> page = context.vertx().executeBlocking(() -> context.store().telemetryAfter(after, device, PAGE), false);
            page.onFailure(e -> end("the stored telemetry could not be read: " + e)).onSuccess(messages -> {
                messages.forEach(m -> {
                    write(m);
                    replayedUpTo = Math.max(replayedUpTo, m.sequence());
                });
                if (messages.size() == PAGE && !response.closed()) {
                    replay();
                } else {
                    endReplay();
                }
            });
        }

        private void endReplay() {
            replaying = false;
            buffered.forEach(this::write);
            buffered.clear();
        }

        private void live(TelemetryMessage message) {
            if (replaying) {
                buffered.add(message);
            } else {
                write(message);
            }
        }

        private void write(TelemetryMessage message) {
            if (message.sequence() <= replayedUpTo || response.closed() || response.ended()) {
                return;
            }
            if (response.writeQueueFull()) {
                end("the client reads too slowly; reconnect with ?from=" + highestSent);
                return;
            }
            highestSent = Math.max(highestSent, message.sequence());
            response.write(Json.write(line(message)) + "\n");
        }

        private void end(String why) {
            unfollow.run();
            if (!response.closed() && !response.ended()) {
                response.end(Json.write(Json.MAPPER.createObjectNode().put("error", why)) + "\n");
            }
        }
    }

    static ObjectNode line(TelemetryMessage message) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("sequence", message.sequence());
        line.put("deviceId", message.deviceId());
        if (message.moduleId() != null) {
            line.put("moduleId", message.moduleId());
        }
        line.put("receivedAt", message.receivedAt().toString());
        line.set("systemProperties", Json.MAPPER.valueToTree(message.systemProperties()));
        line.set("applicationProperties", Json.MAPPER.valueToTree(message.applicationProperties()));
        String text = utf8(message.payload());
        if (text != null) {
            line.put("body", text);
        } else {
            line.put("bodyBase64", Base64.getEncoder().encodeToString(message.payload()));
        }
        return line;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
