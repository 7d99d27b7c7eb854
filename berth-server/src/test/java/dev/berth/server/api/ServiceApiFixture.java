package dev.berth.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.Json;
import dev.berth.server.allocation.LinkedHubs;
import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.SqliteBerthStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real service API on port 0 over the real SQLite store, and a client that signs like the service SDKs. */
final class ServiceApiFixture implements AutoCloseable {
    static final String POLICY = "provisioningserviceowner";
    static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String HOST = "berth.example.com";
    static final LinkedHubs HUBS = LinkedHubs.of("hub-a.example.com", "hub-b.example.com");

    final Vertx vertx = Vertx.vertx();
    final JdbcBerthStore store;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceApiFixture(Path dir) throws Exception {
        store = SqliteBerthStore.open(dir.resolve("berth.db"));
        ServiceAuthorizer authorizer = new ServiceAuthorizer(POLICY, KEY, List.of(HOST), Clock.systemUTC());
        Router router = Router.router(vertx);
        new ServiceApi(store, authorizer, HUBS, meters, Clock.systemUTC()).mount(router);
        router.get("/other").handler(ctx -> ctx.response().end("other route")); // the listener is shared
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage()
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static ServiceApiFixture start(Path dir) throws Exception {
        return new ServiceApiFixture(dir);
    }

    static String token(String key, String resource, long expiry, String policy) {
        return SharedAccessSignatures.createToken(key, resource, expiry, policy);
    }

    static String validToken() {
        return token(KEY, HOST, System.currentTimeMillis() / 1000 + 3600, POLICY);
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    Reply get(String path) {
        return call("GET", path).send();
    }

    Reply put(String path, String json) {
        return call("PUT", path).body(json).send();
    }

    Reply post(String path, String json) {
        return call("POST", path).body(json).send();
    }

    Reply delete(String path) {
        return call("DELETE", path).send();
    }

    double refusals(String reason) {
        var counter = meters.find(ServiceApi.REFUSALS_METRIC).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        store.close();
    }

    /** One request; signed with a valid token and sent as JSON unless told otherwise. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
            headers.put("Authorization", validToken());
        }

        Call header(String name, String value) {
            if (value == null) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
            return this;
        }

        Call body(String json) {
            headers.putIfAbsent("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString(json);
            return this;
        }

        Call bytes(byte[] bytes) {
            body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        Reply send() {
            // a path with its own query string is sent as it is (that is how tests leave api-version out)
            String uri = "http://localhost:" + server.actualPort() + path + (path.contains("?") ? "" : "?api-version=2021-10-01");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                    .method(method, body);
            headers.forEach(request::header);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers().map(), response.body());
            } catch (IOException e) {
                throw new IllegalStateException("request failed: " + method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    record Reply(int status, Map<String, List<String>> headers, String body) {
        JsonNode json() {
            return Json.read(body, JsonNode.class);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        int errorCode() {
            return json().path("errorCode").asInt();
        }

        String message() {
            return json().path("message").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
