package dev.berth.server.mqtt;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.ProvisioningErrorDetails;
import dev.berth.server.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a WebSocket upgrade on the HTTPS port, on any path ({@code /$iothub/websocket}, {@code /mqtt}, {@code /},
 * with or without a query), into an MQTT byte stream for the same listener that serves TCP connections. The
 * {@code mqtt} subprotocol is required, matched case-insensitively and echoed exactly as offered (the C SDK
 * offers {@code MQTT}; Paho fails without the echo). Permessage-deflate is not negotiated: MQTT payloads are
 * small, and an inflating peer could otherwise make the server allocate far more than a frame's size.
 */
public final class MqttWebSocketUpgrade {
    private static final Logger LOG = LoggerFactory.getLogger(MqttWebSocketUpgrade.class);
    private static final String SUBPROTOCOL = "mqtt";
    /** A hub message of 256 KB plus MQTT and property headers fits in one frame. */
    static final int MAX_FRAME_BYTES = 256 * 1024 + 16 * 1024;
    /** Netty echoes a subprotocol only on an exact match, so it is offered every spelling of "mqtt". */
    static final List<String> SUBPROTOCOL_SPELLINGS = spellings(SUBPROTOCOL);

    private final Vertx vertx;
    private final Consumer<MqttTransport> listener;
    private final MeterRegistry meters;
    private final Clock clock;

    /** @param listener serves each accepted stream, e.g. {@code MqttListener::accept} */
    public MqttWebSocketUpgrade(Vertx vertx, Consumer<MqttTransport> listener, MeterRegistry meters, Clock clock) {
        this.vertx = vertx;
        this.listener = listener;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The WebSocket settings of the HTTPS listener that carries MQTT. Unmasked client frames are accepted: Paho MQTT
     * for Python (1.x and 2.x, under the official Azure IoT Python SDK) answers the server's keep-alive ping with an
     * unmasked pong, and refusing it as RFC 6455 5.1 asks dropped every Python WebSocket device at the first ping
     * (60 s). Masking protects HTTP intermediaries from crafted payloads; this port is TLS from end to end.
     */
    public static HttpServerOptions configure(HttpServerOptions options) {
        return options.setWebSocketSubProtocols(SUBPROTOCOL_SPELLINGS).setAcceptUnmaskedFrames(true)
                .setMaxWebSocketFrameSize(MAX_FRAME_BYTES).setMaxWebSocketMessageSize(4 * MAX_FRAME_BYTES)
                .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false);
    }

    /** Accepts the upgrade or answers 400 with the reason. {@code pingInterval} keeps the socket from idling out. */
    public void upgrade(HttpServerRequest request, Duration pingInterval) {
        String offered = request.getHeader("Sec-WebSocket-Protocol");
        if (!offersMqtt(offered)) {
            refuse(request, offered);
            return;
        }
        request.toWebSocket()
                .onSuccess(socket -> listener.accept(new WebSocketMqttTransport(vertx, socket, pingInterval)))
                .onFailure(e -> LOG.warn("WebSocket upgrade from {} on '{}' failed: {}", request.remoteAddress(), request.uri(), e.toString()));
    }

    static boolean offersMqtt(String offered) {
        if (offered == null) {
            return false;
        }
        for (String token : offered.split(",")) {
            if (token.strip().equalsIgnoreCase(SUBPROTOCOL)) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServerRequest request, String offered) {
        String message = "a WebSocket on this port carries MQTT only: send the header 'Sec-WebSocket-Protocol: mqtt'"
                + (offered == null ? " (none was offered)" : " (offered: '" + shorten(offered) + "')");
        String trackingId = UUID.randomUUID().toString();
        LOG.warn("Refused WebSocket upgrade from {} on '{}': {} (trackingId={})", request.remoteAddress(), shorten(request.uri()),
                message, trackingId);
        Counter.builder("berth.mqtt.disconnects").description("device connections closed by the server, by reason")
                .tag("reason", "websocket_subprotocol_missing").tag("transport", "mqtt-ws").register(meters).increment();
        ProvisioningErrorDetails body = new ProvisioningErrorDetails(DpsErrorCode.BAD_REQUEST.code(), trackingId, message,
                null, DpsTimestamps.format(clock.instant()));
        request.response().setStatusCode(400).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("x-ms-error-code", Integer.toString(DpsErrorCode.BAD_REQUEST.code()))
                .putHeader("connection", "close").end(Json.write(body));
    }

    private static List<String> spellings(String word) {
        List<String> result = new ArrayList<>();
        for (int mask = 0; mask < 1 << word.length(); mask++) {
            StringBuilder spelling = new StringBuilder();
            for (int i = 0; i < word.length(); i++) {
                String c = word.substring(i, i + 1);
                spelling.append((mask & (1 << i)) != 0 ? c.toUpperCase(Locale.ROOT) : c);
            }
            result.add(spelling.toString());
        }
        return List.copyOf(result);
    }

    private static String shorten(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
