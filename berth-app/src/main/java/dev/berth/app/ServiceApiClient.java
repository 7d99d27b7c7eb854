package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.ServiceConnectionString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CLI's adapter to a service API (the DPS service API, or a hub's REST API): JSON calls over HTTPS to one
 * server, signed with a policy SAS token made from a connection string, trusting one CA.
 */
public final class ServiceApiClient {
    static final String API_VERSION = "2021-10-01";
    /** The IoT Hub REST API version; Berth's hub accepts any. */
    public static final String HUB_API_VERSION = "2021-04-12";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final ServiceConnectionString connectionString;
    private final String apiVersion;
    private final HttpClient http;

    public ServiceApiClient(URI baseUrl, ServiceConnectionString connectionString, Path trustedCaPem) {
        this(baseUrl, connectionString, trustedCaPem, API_VERSION);
    }

    /** @param trustedCaPem the CA to trust, or null for the JDK's default CAs (e.g. Azure IoT Hub) */
    public ServiceApiClient(URI baseUrl, ServiceConnectionString connectionString, Path trustedCaPem, String apiVersion) {
        this.baseUrl = baseUrl;
        this.connectionString = connectionString;
        this.apiVersion = apiVersion;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (trustedCaPem != null) {
            builder.sslContext(trusting(trustedCaPem));
        }
        this.http = builder.build();
    }

    /** {@code PUT} of a JSON body; returns the stored resource. */
    public JsonNode put(String path, Object body) {
        return send("PUT", path, AppJson.compact(body), Map.of()).body();
    }

    /**
     * {@code PUT} that only creates ({@code If-None-Match: *}); the server checks in the insert's transaction.
     * @throws ServiceApiException with status 412 when the resource already exists
     */
    public JsonNode create(String path, Object body) {
        return send("PUT", path, AppJson.compact(body), Map.of("If-None-Match", "*")).body();
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    /** {@code POST} of a JSON body, or of none when {@code body} is null; returns the answer. */
    public JsonNode post(String path, Object body) {
        return send("POST", path, body == null ? null : AppJson.compact(body), Map.of()).body();
    }

    /** {@code PATCH} of a JSON body; returns the patched resource. */
    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, AppJson.compact(body), Map.of()).body();
    }

    public void delete(String path) {
        send("DELETE", path, null, Map.of());
    }

    /**
     * {@code GET} of a stream of lines (e.g. NDJSON), each handed to {@code onLine} as it arrives, until
     * {@code onLine} returns false or the server ends the stream. No time-out once the stream has started.
     */
    public void streamLines(String path, Predicate<String> onLine) {
        HttpResponse<Stream<String>> response = exchange(request("GET", path, null, Map.of()).build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() >= 400) {
                String text = lines.collect(Collectors.joining("\n"));
                throw refusal(response.statusCode(), jsonOrNull(text), text);
            }
            Iterator<String> each = lines.iterator();
            while (each.hasNext() && onLine.test(each.next())) {
                // onLine did the work
            }
        } catch (UncheckedIOException e) {
            throw new CliException("the stream from " + baseUrl + " broke: " + CliException.reason(e.getCause()), e);
        }
    }

    /** Runs {@code SELECT * FROM collection} and follows {@code x-ms-continuation} until the last page. */
    public ArrayNode queryAll(String collection) {
        return allPages("POST", "/" + collection + "/query", AppJson.compact(Map.of("query", "SELECT * FROM " + collection)));
    }

    /** {@code GET} of a JSON array (e.g. a hub's {@code /devices}), following {@code x-ms-continuation} until the last page. */
    public ArrayNode getAll(String path) {
        return allPages("GET", path, null);
    }

    private ArrayNode allPages(String method, String path, String json) {
        ArrayNode all = AppJson.MAPPER.createArrayNode();
        String continuation = null;
        do {
            Answer page = send(method, path, json, continuation == null ? Map.of() : Map.of("x-ms-continuation", continuation));
            if (page.body() != null && page.body().isArray()) {
                all.addAll((ArrayNode) page.body());
            }
            continuation = page.response().headers().firstValue("x-ms-continuation").filter(c -> !c.isEmpty()).orElse(null);
        } while (continuation != null);
        return all;
    }

    /** One path segment, percent-encoded. */
    public static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Answer(HttpResponse<String> response, JsonNode body) {
    }

    private Answer send(String method, String path, String json, Map<String, String> headers) {
        HttpResponse<String> response = exchange(request(method, path, json, headers).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(response);
        if (response.statusCode() >= 400) {
            throw refusal(response.statusCode(), body, response.body());
        }
        return new Answer(response, body);
    }

    private HttpRequest.Builder request(String method, String path, String json, Map<String, String> headers) {
        URI uri = baseUrl.resolve(path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Authorization", token()).header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request;
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        URI uri = request.uri();
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while calling " + uri);
        } catch (ConnectException e) {
            throw new CliException("cannot connect to the service API at " + baseUrl
                    + "; is berth serve running (on this data directory), or is --service-url right?", e);
        } catch (SSLException e) {
            throw new CliException("TLS with " + baseUrl + " failed (" + e.getMessage() + "); the server's certificate must"
                    + " chain to the trusted CA and name the host in --service-url", e);
        } catch (IOException e) {
            throw new CliException("calling " + uri + " failed: " + e, e);
        }
    }

    private String token() {
        long expiry = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        return SharedAccessSignatures.createToken(connectionString.key(), connectionString.hostName(), expiry,
                connectionString.keyName());
    }

    private static JsonNode parse(HttpResponse<String> response) {
        String text = response.body();
        JsonNode body = jsonOrNull(text);
        // a refusal that is not JSON is reported with its raw text; a success must be JSON to be used
        if (body == null && text != null && !text.isBlank() && response.statusCode() < 400) {
            throw new CliException("the service API answered " + response.statusCode() + " with something that is not JSON: "
                    + text.substring(0, Math.min(200, text.length())));
        }
        return body;
    }

    /** The parsed body, or null when there is none or it is not JSON (the caller decides whether that is an error). */
    private static JsonNode jsonOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AppJson.MAPPER.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static ServiceApiException refusal(int status, JsonNode body, String raw) {
        if (body != null && body.isObject() && body.has("message")) {
            JsonNode code = body.get("errorCode");
            return new ServiceApiException(status, code != null && code.canConvertToInt() ? code.asInt() : null,
                    body.get("message").asText(), body.hasNonNull("trackingId") ? body.get("trackingId").asText() : null);
        }
        String text = raw == null || raw.isBlank() ? "(no body)" : raw.substring(0, Math.min(200, raw.length()));
        return new ServiceApiException(status, null, text, null);
    }

    private static SSLContext trusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new CliException("the CA file " + caPem + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new CliException("cannot read the CA certificate " + caPem + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CliException("the CA file " + caPem + " is not a usable PEM certificate: " + e.getMessage(), e);
        }
    }
}
