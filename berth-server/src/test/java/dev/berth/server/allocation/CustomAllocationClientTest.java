package dev.berth.server.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.server.Json;
import dev.berth.server.attestation.DeviceEvidence;
import dev.berth.server.attestation.EnrollmentMatch;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CustomAllocationClientTest {
    private static final String KEY = "c3ltbWV0cmljLWtleS1mb3ItdGhlLWNsaWVudC10ZXN0LTAxMjM=";
    private static final List<String> HUBS = List.of("hub-a.example.com", "hub-b.example.com");

    private final Vertx vertx = Vertx.vertx();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void posts_the_request_as_json_and_returns_the_checked_answer() {
        int port = webhook(request -> request.body().onSuccess(body -> {
            received.add(Json.read(body.toString(), JsonNode.class));
            request.response().putHeader("Content-Type", "application/json")
                    .end("{\"iotHubHostName\":\"hub-b.example.com\",\"payload\":{\"ok\":true}}");
        }));

        CustomAllocationResponse answer = new CustomAllocationClient(Duration.ofSeconds(5))
                .allocate("http://127.0.0.1:" + port + "/allocate?code=secret", request());

        assertThat(answer.iotHubHostName()).isEqualTo("hub-b.example.com");
        assertThat(answer.payloadJson()).isEqualTo("{\"ok\":true}");
        assertThat(received).singleElement().satisfies(json -> {
            assertThat(json.path("deviceRuntimeContext").path("registrationId").asText()).isEqualTo("dev-1");
            assertThat(json.toString()).doesNotContain(KEY);
        });
    }

    @Test
    void non_2xx_answer_names_the_status_and_the_start_of_the_body_but_not_the_function_key() {
        String longBody = "quota exceeded " + "x".repeat(400);
        int port = webhook(request -> request.response().setStatusCode(503).end(longBody));

        assertThatThrownBy(() -> new CustomAllocationClient(Duration.ofSeconds(5))
                .allocate("http://127.0.0.1:" + port + "/allocate?code=secret", request()))
                .isInstanceOfSatisfying(CustomAllocationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DpsErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains("HTTP 503", "quota exceeded", "http://127.0.0.1:" + port + "/allocate")
                            .doesNotContain("secret").doesNotContain("x".repeat(201));
                });
    }

    @Test
    void webhook_that_never_answers_fails_after_the_timeout() {
        int port = webhook(request -> { }); // reads the request and never answers

        long started = System.nanoTime();
        assertThatThrownBy(() -> new CustomAllocationClient(Duration.ofMillis(500))
                .allocate("http://127.0.0.1:" + port + "/slow", request()))
                .isInstanceOfSatisfying(CustomAllocationException.class, e -> {
                    assertThat(e.code().httpStatus()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("did not answer within 500 ms");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void unreachable_webhook_is_a_500_family_error_that_says_so() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> new CustomAllocationClient(Duration.ofSeconds(5))
                .allocate("http://127.0.0.1:" + closedPort + "/allocate", request()))
                .isInstanceOfSatisfying(CustomAllocationException.class, e -> {
                    assertThat(e.code()).isEqualTo(DpsErrorCode.INTERNAL_ERROR);
                    assertThat(e.getMessage()).contains("could not be reached", "127.0.0.1:" + closedPort);
                });
    }

    private int webhook(Consumer<HttpServerRequest> handler) {
        HttpServer server = vertx.createHttpServer().requestHandler(handler::accept).listen(0, "127.0.0.1").await();
        return server.actualPort();
    }

    private static CustomAllocationRequest request() {
        IndividualEnrollment enrollment = new IndividualEnrollment("dev-1", null, null, null, AttestationMechanism.symmetricKey(KEY, KEY),
                null, null, null, null, "enabled", null, null, null, "custom", HUBS, null);
        return new CustomAllocationRequest(new EnrollmentMatch.Individual(enrollment), "dev-1", new DeviceEvidence.SymmetricKey(KEY),
                null, null, null, HUBS);
    }
}
