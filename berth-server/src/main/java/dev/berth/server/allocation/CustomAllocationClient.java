package dev.berth.server.allocation;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls a custom allocation webhook: POST of the {@link CustomAllocationRequest} as JSON, one attempt,
 * bounded by a timeout that covers connecting, the answer and its body (a stalled webhook must not hold a
 * registration). HTTPS uses the JDK trust store. Blocking: the registration pipeline runs off the event loop.
 */
public final class CustomAllocationClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final int BODY_EXCERPT = 200;

    private final HttpClient http;
    private final Duration timeout;

    public CustomAllocationClient(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the custom allocation timeout must be positive");
        }
        this.timeout = timeout;
        // HTTP/1.1: an h2c upgrade attempt on plain http confuses some webhook hosts and buys nothing here
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws CustomAllocationException when the webhook cannot be reached or its answer cannot be used */
    public CustomAllocationResponse allocate(String webhookUrl, CustomAllocationRequest request) {
        URI uri = URI.create(webhookUrl);
        String shown = withoutQuery(uri);
        HttpRequest post = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(request.toJson()), StandardCharsets.UTF_8)).build();
        CompletableFuture<HttpResponse<String>> call = http.sendAsync(post, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new CustomAllocationException(DpsErrorCode.INTERNAL_ERROR, "the custom allocation webhook " + shown
                    + " did not answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof java.net.http.HttpTimeoutException ? "did not answer within " + timeout.toMillis() + " ms"
                    : "could not be reached (" + describe(cause) + ")";
            throw new CustomAllocationException(DpsErrorCode.INTERNAL_ERROR, "the custom allocation webhook " + shown + " " + reason, cause);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CustomAllocationException(DpsErrorCode.SERVICE_UNAVAILABLE, "the server is shutting down; register again", e);
        }
        int status = response.statusCode();
        if (status < 200 || status > 299) {
            throw new CustomAllocationException(DpsErrorCode.INTERNAL_ERROR, "the custom allocation webhook " + shown
                    + " answered HTTP " + status + excerpt(response.body()));
        }
        return CustomAllocationResponse.parse(response.body(), request.linkedHubs());
    }

    public Duration timeout() {
        return timeout;
    }

    /** Azure Functions URLs carry their key in {@code ?code=}; messages reach devices and logs, so drop it. */
    static String withoutQuery(URI uri) {
        // user info ("user:password@") is left out for the same reason
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return " with an empty body";
        }
        String text = body.strip();
        return ": " + (text.length() > BODY_EXCERPT ? text.substring(0, BODY_EXCERPT) + "…" : text);
    }

    /** The JDK's HTTP client often throws a bare ConnectException; say what it means and use the first real message. */
    private static String describe(Throwable cause) {
        if (cause instanceof java.net.ConnectException && (cause.getMessage() == null || cause.getMessage().isBlank())) {
            return "connection refused";
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return cause.getClass().getSimpleName();
    }
}
