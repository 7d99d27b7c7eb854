package dev.berth.it;

import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.ServiceConnectionString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The embedded hub's service API as a back-end application calls it: HTTPS on the server's port, authorised with a
 * token made from the hub's {@code iothubowner} connection string.
 */
public final class HubServiceCalls {
    private final HttpClient http;

    public HubServiceCalls(HttpClient http) {
        this.http = http;
    }

    /** @param ifMatch the {@code If-Match} header, or null for none */
    public HttpResponse<String> call(int httpsPort, String connectionString, String method, String path, String jsonBody, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", token(connectionString))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A SAS token for the hub the connection string names, valid for an hour. */
    public static String token(String connectionString) {
        ServiceConnectionString parsed = ServiceConnectionString.parse(connectionString);
        return SharedAccessSignatures.createToken(parsed.key(), parsed.hostWithoutPort(), Instant.now().plusSeconds(3600).getEpochSecond(),
                parsed.keyName());
    }
}
