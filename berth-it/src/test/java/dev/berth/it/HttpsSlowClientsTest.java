package dev.berth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.protocol.sas.SharedAccessSignatures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open a connection to the HTTPS port and then stall are dropped in bounded time (the idle
 * timeout, shortened here to 1 s), and the server keeps answering everyone else meanwhile.
 */
class HttpsSlowClientsTest {
    static final Duration IDLE = Duration.ofSeconds(1);
    static final Duration BOUND = Duration.ofSeconds(6);

    @TempDir
    static Path dir;
    static BerthTestServer berth;

    @BeforeAll
    static void start() {
        berth = BerthTestServer.start(dir, builder -> builder.httpIdleTimeout(IDLE));
    }

    @AfterAll
    static void stop() {
        berth.close();
    }

    @Test
    void client_that_completes_tls_and_sends_nothing_is_dropped() throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            assertThat(raw.closedByServerWithin(BOUND)).isTrue();
        }
    }

    @Test
    void client_that_never_starts_tls_is_dropped() throws Exception {
        try (RawHttps raw = RawHttps.connectWithoutTls(berth)) {
            assertThat(raw.closedByServerWithin(BOUND)).isTrue();
        }
    }

    @Test
    void client_that_stops_half_way_through_the_headers_is_dropped() throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            raw.send("PUT /" + berth.idScope() + "/registrations/slow/register?api-version=2019-03-31 HTTP/1.1\r\nHost: loc");
            assertThat(raw.closedByServerWithin(BOUND)).isTrue();
        }
    }

    @Test
    void client_that_stops_half_way_through_the_body_is_dropped() throws Exception {
        try (RawHttps raw = RawHttps.connect(berth)) {
            raw.send("PUT /" + berth.idScope() + "/registrations/slow/register?api-version=2019-03-31 HTTP/1.1\r\n"
                    + "Host: localhost\r\nAuthorization: SharedAccessSignature sr=x&sig=y&se=1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"registrationId\":");
            assertThat(raw.closedByServerWithin(BOUND)).isTrue();
        }
    }

    @Test
    void stalled_clients_do_not_keep_others_from_being_served() throws Exception {
        RawHttps[] stalled = new RawHttps[20];
        try {
            for (int i = 0; i < stalled.length; i++) {
                stalled[i] = RawHttps.connect(berth);
                stalled[i].send("GET /health HTTP/1.1\r\nHo");
            }
            try (RawHttps healthy = RawHttps.connect(berth)) {
                RawHttps.Response response = healthy.exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.body()).contains("up");
            }
        } finally {
            for (RawHttps raw : stalled) {
                if (raw != null) {
                    raw.close();
                }
            }
        }
    }

    @Test
    void quiet_mqtt_over_websocket_session_outlives_the_idle_timeout() throws Exception {
        String regId = "ws-quiet";
        String key = "rUQs8N8HLs/v3B2vQ3qO6vN6rV0bN8rT9yV2zX4aC6eG8iK0mO2qS4uW6yA8cE0gI2kM4oQ6sU8wY0aC2eG4iA==";
        berth.enroll(regId, key, null);
        try (RawDpsDevice device = RawDpsDevice.overWebSocket(berth.httpsPort(), berth.trustManagerFactory(), regId,
                "$iothub/websocket", "", "mqtt")) {
            device.connect(DpsUsername.format(berth.idScope(), regId, "test"), SharedAccessSignatures.createToken(key,
                    berth.idScope() + "/registrations/" + regId, Instant.now().plusSeconds(3600).getEpochSecond(), "registration"), true);
            // keep-alive 60 s, idle timeout 1 s: only the server's WebSocket pings keep the connection open
            await().during(IDLE.multipliedBy(3)).atMost(IDLE.multipliedBy(4)).until(device::isConnected);
            device.subscribe();
            var answer = device.request("$dps/registrations/PUT/iotdps-register/?$rid=1", "", MqttQos.AT_LEAST_ONCE);
            assertThat(answer.status()).isEqualTo(202);
        }
    }
}
