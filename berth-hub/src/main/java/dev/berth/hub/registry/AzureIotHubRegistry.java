package dev.berth.hub.registry;

import dev.berth.protocol.hub.Device;
import dev.berth.protocol.hub.HubErrorBody;
import dev.berth.protocol.hub.Twin;
import dev.berth.protocol.sas.PercentEncoding;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.Json;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.hub.HubRegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Puts provisioned devices into an IoT hub reached by its service connection string, through the IoT Hub
 * registry REST API: {@code GET /devices/{id}} (to keep the etag and hub-side status), {@code PUT /devices/{id}}
 * (If-Match on update), then {@code PATCH /twins/{id}} for a new device's initial twin or {@code PUT /twins/{id}}
 * to reset it. Works against Azure IoT Hub and against Berth's own hub. For group X.509 devices
 * ({@code certificateAuthority}) the hub must already trust the group's CA (in Azure: a verified hub certificate).
 */
public final class AzureIotHubRegistry implements HubRegistry {
    public static final String API_VERSION = "2021-04-12";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final ServiceConnectionString connection;
    private final String hubName;
    private final HttpClient http;
    private final Clock clock;

    /** Trusts the JDK's default CAs, as Azure needs. */
    public AzureIotHubRegistry(String connectionString) {
        this(connectionString, null, Clock.systemUTC());
    }

    /** @param sslContext the TLS trust for the hub (e.g. a private hub's CA), or null for the JDK default */
    public AzureIotHubRegistry(String connectionString, SSLContext sslContext, Clock clock) {
        this.connection = ServiceConnectionString.parse(connectionString);
        this.hubName = connection.hostWithoutPort().toLowerCase(Locale.ROOT);
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.clock = clock;
    }

    @Override
    public boolean manages(String hubHostName) {
        return hubHostName != null && hubName.equalsIgnoreCase(hubHostName);
    }

    @Override
    public void provision(HubDeviceProvisioning request) {
        String id = request.deviceId();
        HubIdentity identity = HubIdentity.of(request.evidence());
        Device current = null;
        for (int attempt = 1; ; attempt++) {
            Response existing = send("GET", "/devices/" + PercentEncoding.encode(id), null, null, id);
            current = existing.status() == 200 ? Json.read(existing.body(), Device.class) : null;
            if (current == null && existing.status() != 404) {
                throw refusal(existing, "read device '" + id + "'");
            }
            Device wanted = Device.of(id, current == null ? Device.ENABLED : current.status(), authentication(identity), request.iotEdge());
            String ifMatch = current == null ? null : quoted(current.etag());
            Response put = send("PUT", "/devices/" + PercentEncoding.encode(id), Json.write(wanted), ifMatch, id);
            if (put.status() == 200 || put.status() == 201) {
                break;
            }
            // 409: created meanwhile; 412: changed meanwhile. Read it again, once.
            if (attempt >= 2 || (put.status() != 409 && put.status() != 412)) {
                throw refusal(put, (current == null ? "create" : "update") + " device '" + id + "'");
            }
        }
        boolean created = current == null;
        if (request.applyInitialTwin() || (created && request.initialTwin() != null)) {
            InitialTwin twin = request.initialTwin();
            Map<String, Object> tags = twin == null || twin.tags() == null ? Map.of() : twin.tags();
            Map<String, Object> desired = twin == null || twin.properties() == null || twin.properties().desired() == null
                    ? Map.of() : twin.properties().desired();
            Response applied = send(created ? "PATCH" : "PUT", "/twins/" + PercentEncoding.encode(id),
                    Json.write(Twin.patch(tags, desired)), "*", id);
            if (applied.status() != 200) {
                throw refusal(applied, "apply the initial twin of device '" + id + "'");
            }
        }
    }

    /** SAS keys are the device's own (it signs with them); the hub keeps nothing else from the current identity. */
    private static Device.Authentication authentication(HubIdentity identity) {
        return switch (identity.type()) {
            case Device.Authentication.SAS -> new Device.Authentication(identity.type(),
                    new Device.SymmetricKey(identity.key(), identity.key()), null);
            case Device.Authentication.SELF_SIGNED -> new Device.Authentication(identity.type(), null,
                    new Device.X509Thumbprint(identity.thumbprint(), identity.thumbprint()));
            default -> new Device.Authentication(identity.type(), null, null);
        };
    }

    private record Response(int status, String body) {
    }

    private Response send(String method, String path, String body, String ifMatch, String deviceId) {
        String token = SharedAccessSignatures.createToken(connection.key(), hubName,
                clock.instant().plus(TOKEN_LIFETIME).getEpochSecond(), connection.keyName());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://" + connection.hostName() + path + "?api-version=" + API_VERSION))
                .timeout(TIMEOUT)
                .header("Authorization", token)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json; charset=utf-8");
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new HubRegistryException("cannot reach the IoT hub " + connection.hostName() + " to provision device '" + deviceId
                    + "': " + e, false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubRegistryException("interrupted while provisioning device '" + deviceId + "' in " + hubName, false, e);
        }
    }

    private HubRegistryException refusal(Response response, String what) {
        boolean unauthorized = response.status() == 401 || response.status() == 403;
        return new HubRegistryException("the IoT hub " + hubName + " refused to " + what + " (HTTP " + response.status() + "): "
                + message(response.body()) + (unauthorized ? "; check the hub's connection string (policy needs registry write)" : ""),
                unauthorized, null);
    }

    /** Current hubs answer {@code {"message":…}}; older ones {@code {"Message":"ErrorCode:…;…"}}; else the raw text. */
    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            HubErrorBody error = Json.read(body, HubErrorBody.class);
            if (error.message() != null) {
                return error.message();
            }
            Object legacy = Json.read(body, Map.class).get("Message");
            if (legacy != null) {
                return legacy.toString();
            }
        } catch (IllegalArgumentException notJson) {
            // fall through to the raw text
        }
        return body.length() > 500 ? body.substring(0, 500) + "…" : body;
    }

    private static String quoted(String etag) {
        if (etag == null) {
            return "*";
        }
        return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
    }

    @Override
    public String toString() {
        return "IoT hub " + hubName + " (REST, policy " + connection.keyName() + ")";
    }
}
