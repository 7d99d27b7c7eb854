package dev.berth.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A custom allocation webhook for tests: plain HTTP on a free port, keeps every request body it gets and
 * answers with what {@code answer} makes of it (status 200 and JSON text).
 */
public final class AllocationWebhook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private volatile Function<JsonNode, String> answer = request -> "{}";

    public AllocationWebhook() {
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            try {
                JsonNode json = JSON.readTree(body.toString());
                requests.add(json);
                request.response().putHeader("Content-Type", "application/json").end(answer.apply(json));
            } catch (Exception e) {
                request.response().setStatusCode(400).end("not JSON: " + e.getMessage());
            }
        })).listen(0, "127.0.0.1").await();
    }

    /** The answer body for each request; the registration ID is at {@code deviceRuntimeContext.registrationId}. */
    public AllocationWebhook answering(Function<JsonNode, String> answer) {
        this.answer = answer;
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/api/allocate?code=function-key";
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    /** The last request for this registration ID. */
    public JsonNode requestOf(String registrationId) {
        return requests.stream().filter(r -> r.path("deviceRuntimeContext").path("registrationId").asText().equals(registrationId))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("the webhook got no request for " + registrationId + "; it got " + requests));
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
