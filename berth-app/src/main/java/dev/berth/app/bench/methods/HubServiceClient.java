package dev.berth.app.bench.methods;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.bench.Sample;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.ServiceConnectionString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLContext;

/**
 * Direct-method calls ({@code POST /twins/{id}/methods}) to one node's hub, sent asynchronously with {@code java.net.http}
 * as a back-end would, each timed from just before it is sent to its parsed answer. The CLI's {@code ServiceApiClient}
 * is blocking, so it creates the devices but cannot keep {@code --concurrency} calls in flight.
 */
final class HubServiceClient {
    static final String METHOD_NAME = "ping";
    /** The hub's own per-call limit, and the client's (a little longer, so the hub's 504 is what a slow call reports). */
    static final int RESPONSE_TIMEOUT_SECONDS = 10;

    private final HttpClient http;
    private final URI base;
    private final String authorization;

    /** @param base the node's HTTPS address; {@code hub} signs the calls for its host name, as {@code ServiceApiClient} does */
    HubServiceClient(HttpClient http, URI base, ServiceConnectionString hub) {
        this.http = http;
        this.base = base;
        // one token for the whole run (an hour), as the SDKs cache theirs: signing is not what is measured
        this.authorization = SharedAccessSignatures.createToken(hub.key(), hub.hostName(),
                Instant.now().plusSeconds(3600).getEpochSecond(), hub.keyName());
    }

    /** One HTTP/1.1 client (connections kept alive and reused, as the service SDKs do) trusting the run's CA. */
    static HttpClient httpClient(TrustedCa ca) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, ca.trustManagerFactory().getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for the service API: " + e.getMessage(), e);
        }
    }

    /**
     * Calls the bench's method on the device with a small payload. Never fails: an HTTP error, a device status other
     * than 200 or a transport failure completes as a failed sample naming it.
     */
    CompletionStage<Sample> callMethod(String deviceId, int sequence) {
        String body = "{\"methodName\":\"" + METHOD_NAME + "\",\"payload\":{\"seq\":" + sequence + "},\"responseTimeoutInSeconds\":"
                + RESPONSE_TIMEOUT_SECONDS + ",\"connectTimeoutInSeconds\":0}";
        HttpRequest request = request("/twins/" + deviceId + "/methods").timeout(Duration.ofSeconds(RESPONSE_TIMEOUT_SECONDS + 5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long started = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            long nanos = System.nanoTime() - started;
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                return Sample.failed(nanos, -1, "client: " + cause.getClass().getSimpleName());
            }
            String failure = failure(response.statusCode(), response.body());
            return failure == null ? Sample.succeeded(nanos, -1) : Sample.failed(nanos, -1, failure);
        });
    }

    /** Null for a device answer of status 200; else what went wrong: {@code http 504 (504101)}, {@code device status 500}. */
    static String failure(int httpStatus, String body) {
        JsonNode json;
        try {
            json = AppJson.MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            json = null;
        }
        if (httpStatus != 200) {
            JsonNode code = json == null ? null : json.get("errorCode");
            return "http " + httpStatus + (code == null ? "" : " (" + code.asText() + ")");
        }
        if (json == null || !json.path("status").canConvertToInt()) {
            return "answer without a status";
        }
        int status = json.path("status").asInt();
        return status == 200 ? null : "device status " + status;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization", authorization);
    }
}
