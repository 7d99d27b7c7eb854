package dev.berth.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.CloudToDeviceMessage;
import dev.berth.hub.store.JdbcHubStore;
import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.server.Json;
import dev.berth.server.api.ServiceAuthorizer;
import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.SqliteBerthStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry REST API on a plain HTTP router with a recording notifier: IoT Hub semantics and refusals. */
class HubServiceApiTest {
    private static final String HUB = "hub.berth.test";
    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @TempDir
    Path directory;
    private JdbcBerthStore provisioning;
    private JdbcHubStore store;
    private Vertx vertx;
    private HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> notifications = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        provisioning = SqliteBerthStore.open(directory.resolve("berth.db"));
        store = JdbcHubStore.on(provisioning, Clock.systemUTC());
        DeviceNotifier notifier = new DeviceNotifier() {
            @Override
            public void desiredPropertiesChanged(String deviceId, ObjectNode patch) {
                notifications.add("desired " + deviceId + " " + Json.write(patch));
            }

            @Override
            public void cloudToDeviceMessageQueued(String deviceId) {
            }

            @Override
            public void deviceRevoked(String deviceId, String reason) {
                notifications.add("revoked " + deviceId + " " + reason);
            }
        };
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        new HubServiceApi(store, new ServiceAuthorizer("iothubowner", KEY, List.of(HUB), Clock.systemUTC()), notifier,
                ids -> ids.stream().filter("online"::equals).collect(java.util.stream.Collectors.toSet()), new SimpleMeterRegistry(), Clock.systemUTC()).mount(router);
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        provisioning.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String ifMatch) throws Exception {
        return call(method, path, body, ifMatch, SharedAccessSignatures.createToken(KEY, HUB, Clock.systemUTC().instant().getEpochSecond() + 600, "iothubowner"));
    }

    private HttpResponse<String> call(String method, String path, String body, String ifMatch, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void sas_device_without_keys_gets_generated_keys_and_reads_back() throws Exception {
        HttpResponse<String> created = call("PUT", "/devices/dev-1?api-version=2021-04-12",
                "{\"deviceId\":\"dev-1\",\"authentication\":{\"type\":\"sas\"}}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode device = json(created);
        assertThat(device.at("/authentication/type").asText()).isEqualTo("sas");
        assertThat(Base64.getDecoder().decode(device.at("/authentication/symmetricKey/primaryKey").asText())).hasSize(32);
        assertThat(device.at("/authentication/symmetricKey/secondaryKey").asText()).isNotEqualTo(device.at("/authentication/symmetricKey/primaryKey").asText());
        assertThat(device.get("status").asText()).isEqualTo("enabled");
        assertThat(device.get("connectionState").asText()).isEqualTo("Disconnected");
        assertThat(device.get("generationId").asText()).isNotBlank();
        assertThat(created.headers().firstValue("ETag")).contains("\"" + device.get("etag").asText() + "\"");

        HttpResponse<String> read = call("GET", "/devices/dev-1", null, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read)).isEqualTo(device);
    }

    @Test
    void put_of_an_existing_device_needs_if_match_like_iot_hub() throws Exception {
        String etag = call("PUT", "/devices/dev-1", "{\"deviceId\":\"dev-1\"}", null).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = call("PUT", "/devices/dev-1", "{\"deviceId\":\"dev-1\"}", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.headers().firstValue("iothub-errorcode")).contains("DeviceAlreadyExists");
        assertThat(json(again).get("errorCode").asInt()).isEqualTo(409001);
        assertThat(json(again).get("trackingId").asText()).isNotBlank();
        HttpResponse<String> stale = call("PUT", "/devices/dev-1", "{\"deviceId\":\"dev-1\"}", "\"0000\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        HttpResponse<String> disabled = call("PUT", "/devices/dev-1", "{\"deviceId\":\"dev-1\",\"status\":\"disabled\"}", etag);
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        assertThat(json(disabled).get("status").asText()).isEqualTo("disabled");
        assertThat(notifications).containsExactly("revoked dev-1 it was disabled");
    }

    @Test
    void self_signed_device_needs_a_thumbprint_and_keeps_it_upper_case() throws Exception {
        HttpResponse<String> missing = call("PUT", "/devices/x1", "{\"authentication\":{\"type\":\"selfSigned\"}}", null);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.headers().firstValue("iothub-errorcode")).contains("ArgumentInvalid");
        assertThat(json(missing).get("message").asText()).contains("primaryThumbprint");
        String thumbprint = "ab".repeat(32);
        HttpResponse<String> created = call("PUT", "/devices/x1",
                "{\"authentication\":{\"type\":\"selfSigned\",\"x509Thumbprint\":{\"primaryThumbprint\":\"" + thumbprint + "\"}}}", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(json(created).at("/authentication/x509Thumbprint/primaryThumbprint").asText()).isEqualTo("AB".repeat(32));
    }

    @Test
    void invalid_ids_bodies_and_types_are_refused_with_hub_errors() throws Exception {
        assertThat(call("PUT", "/devices/" + "a".repeat(129), "{}", null).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/devices/bad%20id", "{}", null).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/devices/dev-2", "{\"deviceId\":\"other\"}", null).statusCode()).isEqualTo(400);
        HttpResponse<String> notJson = call("PUT", "/devices/dev-2", "{nope", null);
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.headers().firstValue("iothub-errorcode")).contains("IotHubFormatError");
        assertThat(call("PUT", "/devices/dev-2", "{\"authentication\":{\"type\":\"tpm\"}}", null).statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/devices/dev-2", "{\"status\":\"paused\"}", null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/devices/nobody", null, null).statusCode()).isEqualTo(404);
        HttpResponse<String> wrongMethod = call("POST", "/twins/dev-2", "{}", null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET, PATCH, PUT");
    }

    @Test
    void calls_without_a_valid_hub_policy_token_are_refused() throws Exception {
        HttpResponse<String> none = call("GET", "/devices", null, null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("iothub-errorcode")).contains("IotHubUnauthorizedAccess");
        String otherKey = Base64.getEncoder().encodeToString("another-key-of-32-bytes-xxxxxxxx".getBytes());
        long expiry = Clock.systemUTC().instant().getEpochSecond() + 600;
        assertThat(call("GET", "/devices", null, null, SharedAccessSignatures.createToken(otherKey, HUB, expiry, "iothubowner")).statusCode())
                .isEqualTo(401);
        assertThat(call("GET", "/devices", null, null, SharedAccessSignatures.createToken(KEY, HUB, expiry, "registryRead")).statusCode())
                .isEqualTo(401);
        String raw = "SharedAccessSignature sr=" + HUB + "&sig=" + java.net.URLEncoder.encode(
                SharedAccessSignatures.hmacBase64(KEY, HUB + "\n" + expiry), "UTF-8") + "&se=" + expiry + "&skn=iothubowner";
        assertThat(call("GET", "/devices", null, null, raw).statusCode()).as("sr not URL-encoded is verified as sent").isEqualTo(200);
    }

    @Test
    void devices_are_listed_with_top_and_continuation() throws Exception {
        for (String id : List.of("a", "b", "c")) {
            call("PUT", "/devices/" + id, "{}", null);
        }
        HttpResponse<String> first = call("GET", "/devices?top=2", null, null);
        assertThat(json(first)).hasSize(2);
        String continuation = first.headers().firstValue("x-ms-continuation").orElseThrow();
        HttpResponse<String> second = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + "/devices?top=2"))
                .header("Authorization", SharedAccessSignatures.createToken(KEY, HUB, Clock.systemUTC().instant().getEpochSecond() + 600, "iothubowner"))
                .header("x-ms-continuation", continuation).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(second).get(0).get("deviceId").asText()).isEqualTo("c");
        assertThat(second.headers().firstValue("x-ms-continuation")).isEmpty();
        assertThat(call("GET", "/devices?top=0", null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void a_listing_shows_each_device_with_its_own_connection_state_and_waiting_messages() throws Exception {
        for (String id : List.of("online", "quiet")) {
            call("PUT", "/devices/" + id, "{}", null);
        }
        Instant now = Instant.now();
        store.enqueue(new CloudToDeviceMessage("m1", "quiet", new byte[0], Map.of(), null, now, now.plusSeconds(600), 0));

        JsonNode listed = json(call("GET", "/devices", null, null));

        Map<String, JsonNode> byId = new java.util.HashMap<>();
        listed.forEach(device -> byId.put(device.get("deviceId").asText(), device));
        assertThat(byId.get("online").get("connectionState").asText()).isEqualTo("Connected");
        assertThat(byId.get("online").get("cloudToDeviceMessageCount").asInt()).isZero();
        assertThat(byId.get("quiet").get("connectionState").asText()).isEqualTo("Disconnected");
        assertThat(byId.get("quiet").get("cloudToDeviceMessageCount").asInt()).isEqualTo(1);
    }

    @Test
    void delete_removes_the_device_and_revokes_its_session() throws Exception {
        call("PUT", "/devices/dev-1", "{}", null);
        assertThat(call("DELETE", "/devices/dev-1", null, "\"wrong\"").statusCode()).isEqualTo(412);
        assertThat(call("DELETE", "/devices/dev-1", null, "*").statusCode()).isEqualTo(204);
        assertThat(call("DELETE", "/devices/dev-1", null, "*").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/twins/dev-1", null, null).statusCode()).isEqualTo(404);
        assertThat(notifications).containsExactly("revoked dev-1 it was deleted");
    }

    @Test
    void twin_patch_merges_tags_and_desired_and_notifies_the_device() throws Exception {
        call("PUT", "/devices/online", "{}", null);
        HttpResponse<String> twin = call("GET", "/twins/online", null, null);
        assertThat(json(twin).at("/properties/desired/$version").asLong()).isEqualTo(1);
        assertThat(json(twin).get("connectionState").asText()).isEqualTo("Connected");
        HttpResponse<String> patched = call("PATCH", "/twins/online",
                "{\"tags\":{\"site\":\"lab\"},\"properties\":{\"desired\":{\"interval\":5,\"mode\":{\"a\":1}}}}",
                twin.headers().firstValue("ETag").orElseThrow());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(json(patched).at("/tags/site").asText()).isEqualTo("lab");
        assertThat(json(patched).at("/properties/desired/interval").asInt()).isEqualTo(5);
        assertThat(json(patched).at("/properties/desired/$version").asLong()).isEqualTo(2);
        assertThat(json(patched).at("/properties/reported/$version").asLong()).isEqualTo(1);
        HttpResponse<String> deleted = call("PATCH", "/twins/online", "{\"properties\":{\"desired\":{\"mode\":null}}}", null);
        assertThat(json(deleted).at("/properties/desired").has("mode")).isFalse();
        assertThat(notifications).containsExactly(
                "desired online {\"interval\":5,\"mode\":{\"a\":1},\"$version\":2}",
                "desired online {\"mode\":null,\"$version\":3}");
        assertThat(call("PATCH", "/twins/online", "{\"properties\":{\"desired\":{\"x\":1}}}", "\"stale\"").statusCode()).isEqualTo(412);
    }

    @Test
    void twin_put_replaces_and_tells_the_device_which_keys_went_away() throws Exception {
        call("PUT", "/devices/dev-1", "{}", null);
        call("PATCH", "/twins/dev-1", "{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"old\":1,\"kept\":1}}}", null);
        HttpResponse<String> replaced = call("PUT", "/twins/dev-1", "{\"properties\":{\"desired\":{\"kept\":2}}}", "*");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(json(replaced).get("tags")).isEmpty();
        assertThat(json(replaced).at("/properties/desired/kept").asInt()).isEqualTo(2);
        assertThat(notifications).last().isEqualTo("desired dev-1 {\"kept\":2,\"old\":null,\"$version\":3}");
    }

    @Test
    void twin_writes_that_break_the_rules_are_400() throws Exception {
        call("PUT", "/devices/dev-1", "{}", null);
        HttpResponse<String> reported = call("PATCH", "/twins/dev-1", "{\"properties\":{\"reported\":{\"x\":1}}}", null);
        assertThat(reported.statusCode()).isEqualTo(400);
        assertThat(json(reported).get("message").asText()).contains("reported");
        HttpResponse<String> tooLarge = call("PATCH", "/twins/dev-1",
                "{\"properties\":{\"desired\":{\"blob\":\"" + "x".repeat(33 * 1024) + "\"}}}", null);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(json(tooLarge).get("message").asText()).contains("32768");
        assertThat(call("PATCH", "/twins/dev-1", "{\"properties\":{\"desired\":{\"a.b\":1}}}", null).statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/twins/dev-1", "[1]", null).statusCode()).isEqualTo(400);
        assertThat(call("PATCH", "/twins/nobody", "{\"tags\":{}}", null).statusCode()).isEqualTo(404);
        assertThat(notifications).isEmpty();
    }
}
