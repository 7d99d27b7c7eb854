package dev.berth.server;

import dev.berth.server.mqtt.MqttWebSocketUpgrade;
import dev.berth.server.tls.ClientCertificateRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTPS listener (443 by default) that carries the service API, the device API and MQTT over WebSocket.
 * Each feature mounts its own routes; a WebSocket upgrade on any path goes to MQTT instead of the router. This
 * class owns TLS, time-outs, health and metrics. Connections are dropped after the idle timeout (a client
 * that sends nothing, or stops half-way through a request) and after 10 s without a finished TLS handshake;
 * neither holds a thread, since everything here runs on the event loop.
 */
final class HttpsListener {
    private final Vertx vertx;
    private final List<Consumer<Router>> mounts;
    private final MqttWebSocketUpgrade webSockets;
    private final Duration idleTimeout;
    private final Supplier<String> metricsScrape;
    private HttpServer server;

    HttpsListener(Vertx vertx, List<Consumer<Router>> mounts, MqttWebSocketUpgrade webSockets, Duration idleTimeout,
            Supplier<String> metricsScrape) {
        this.vertx = vertx;
        this.mounts = mounts;
        this.webSockets = webSockets;
        this.idleTimeout = idleTimeout;
        this.metricsScrape = metricsScrape;
    }

    Future<Integer> start(String host, int port, KeyCertOptions certificate) {
        Router router = Router.router(vertx);
        router.get("/health").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
                .end("{\"status\":\"up\"}"));
        if (metricsScrape != null) {
            router.get("/metrics").handler(ctx -> ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8").end(metricsScrape.get()));
        }
        mounts.forEach(mount -> mount.accept(router));
        long idleMillis = idleTimeout.toMillis();
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
                .setKeyCertOptions(certificate).setDecompressionSupported(true)
                .setIdleTimeout((int) idleMillis).setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setSslHandshakeTimeout(Math.min(10_000, idleMillis)).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        options.setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        ClientCertificateRequest.apply(options);
        MqttWebSocketUpgrade.configure(options);
        // the server pings WebSocket clients well inside the idle timeout: MQTT keep-alives run up to 230 s
        Duration pingInterval = idleTimeout.dividedBy(2);
        server = vertx.createHttpServer(options).requestHandler(request -> {
            if (webSockets != null && request.canUpgradeToWebSocket()) {
                webSockets.upgrade(request, pingInterval);
            } else {
                router.handle(request);
            }
        });
        return server.listen().map(HttpServer::actualPort);
    }
}
