package dev.berth.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The HTTPS listener (443 by default) that carries the service API and, later, the device API and MQTT
 * over WebSocket. Each feature mounts its own routes; this class only owns TLS, health and metrics.
 */
final class HttpsListener {
    private final Vertx vertx;
    private final List<Consumer<Router>> mounts;
    private final Supplier<String> metricsScrape;
    private HttpServer server;

    HttpsListener(Vertx vertx, List<Consumer<Router>> mounts, Supplier<String> metricsScrape) {
        this.vertx = vertx;
        this.mounts = mounts;
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
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setSsl(true)
                .setKeyCertOptions(certificate).setIdleTimeout(120).setDecompressionSupported(true);
        options.setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        server = vertx.createHttpServer(options).requestHandler(router);
        return server.listen().map(HttpServer::actualPort);
    }
}
