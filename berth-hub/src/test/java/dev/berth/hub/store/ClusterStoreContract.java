package dev.berth.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.server.store.JdbcBerthStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store parts several hub nodes share (heartbeats, presence, inboxes, handed-over method calls) and the stored
 * subscriptions of clean-session=0 devices, written once and run on SQLite and PostgreSQL.
 */
abstract class ClusterStoreContract {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant ALIVE_SINCE = NOW.minusSeconds(6);

    protected JdbcBerthStore provisioning;
    protected JdbcHubStore hub;
    protected ClusterStore store;

    protected abstract JdbcBerthStore openProvisioningStore();

    protected void discardDatabase() {
    }

    @BeforeEach
    void open() {
        provisioning = openProvisioningStore();
        hub = JdbcHubStore.on(provisioning, Clock.systemUTC());
        store = hub.cluster();
    }

    @AfterEach
    void close() {
        if (provisioning != null) {
            provisioning.close();
        }
        discardDatabase();
    }

    @Test
    void nodes_with_an_old_heartbeat_are_not_live() {
        store.heartbeat("n1", NOW, 0);
        store.heartbeat("n2", NOW.minusSeconds(10), 0);
        store.heartbeat("n1", NOW.plusMillis(500), 2);
        assertThat(store.liveNodes(ALIVE_SINCE)).singleElement().satisfies(node -> {
            assertThat(node.nodeId()).isEqualTo("n1");
            assertThat(node.startedAt()).isEqualTo(NOW);
            assertThat(node.lastSeen()).isEqualTo(NOW.plusMillis(500));
            assertThat(node.telemetryFollowers()).isEqualTo(2);
        });
    }

    @Test
    void presence_moves_between_nodes_and_is_released_only_by_its_own_session() {
        store.heartbeat("n1", NOW, 0);
        store.heartbeat("n2", NOW, 0);
        assertThat(store.claimPresence("dev-1", "n1", "s1", NOW)).isEmpty();
        Presence replaced = store.claimPresence("dev-1", "n2", "s2", NOW).orElseThrow();
        assertThat(replaced).isEqualTo(new Presence("dev-1", "n1", "s1", NOW));

        assertThat(store.releasePresence("dev-1", "n1", "s1")).as("the older session closing late").isFalse();
        assertThat(store.findPresence("dev-1", ALIVE_SINCE)).map(Presence::nodeId).contains("n2");
        assertThat(store.findPresence("DEV-1", ALIVE_SINCE)).as("device IDs are case-sensitive").isEmpty();
        assertThat(store.releasePresence("dev-1", "n2", "s2")).isTrue();
        assertThat(store.findPresence("dev-1", ALIVE_SINCE)).isEmpty();
    }

    @Test
    void of_twenty_nodes_claiming_one_device_at_once_every_session_but_the_last_is_reported_replaced_exactly_once()
            throws Exception {
        int nodes = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(nodes);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(nodes);
            List<java.util.concurrent.Future<java.util.Optional<Presence>>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                int n = i;
                claims.add(pool.submit(() -> {
                    start.await();
                    return store.claimPresence("hot-dev", "n" + n, "s" + n, NOW);
                }));
            }
            List<String> replaced = new java.util.ArrayList<>();
            int first = 0;
            for (var claim : claims) {
                var previous = claim.get(30, java.util.concurrent.TimeUnit.SECONDS);
                if (previous.isEmpty()) {
                    first++;
                } else {
                    replaced.add(previous.get().sessionId());
                }
            }
            store.heartbeat("n0", NOW, 0); // any node alive, so that find() counts the presence; which one is not known
            for (int i = 1; i < nodes; i++) {
                store.heartbeat("n" + i, NOW, 0);
            }
            String last = store.findPresence("hot-dev", ALIVE_SINCE).orElseThrow().sessionId();

            assertThat(first).as("exactly one claim found the device absent").isEqualTo(1);
            assertThat(replaced).doesNotHaveDuplicates().doesNotContain(last).hasSize(nodes - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void connected_devices_of_a_page_are_found_in_one_read_counting_only_live_nodes() {
        store.heartbeat("live", NOW, 0);
        store.heartbeat("stale", NOW.minusSeconds(30), 0);
        store.claimPresence("on-live", "live", "s1", NOW);
        store.claimPresence("on-stale", "stale", "s2", NOW.minusSeconds(40));
        List<String> page = new java.util.ArrayList<>(List.of("on-live", "on-stale", "ON-LIVE", "nowhere"));
        for (int i = 0; i < 600; i++) {
            page.add("filler-" + i);
        }
        store.claimPresence("filler-599", "live", "s3", NOW);

        assertThat(store.connectedDevices(page, ALIVE_SINCE)).containsExactlyInAnyOrder("on-live", "filler-599");
        assertThat(store.connectedDevices(List.of(), ALIVE_SINCE)).isEmpty();
    }

    @Test
    void presence_on_a_node_that_stopped_heart_beating_or_left_does_not_count() {
        store.heartbeat("stale", NOW.minusSeconds(30), 0);
        store.heartbeat("leaving", NOW, 0);
        store.claimPresence("dev-1", "stale", "s1", NOW.minusSeconds(40));
        store.claimPresence("dev-2", "leaving", "s2", NOW);
        assertThat(store.findPresence("dev-1", ALIVE_SINCE)).isEmpty();
        assertThat(store.findPresence("dev-2", ALIVE_SINCE)).isPresent();

        store.leave("leaving");
        assertThat(store.findPresence("dev-2", ALIVE_SINCE)).isEmpty();
        assertThat(store.liveNodes(ALIVE_SINCE)).isEmpty();
        assertThat(store.claimPresence("dev-2", "other", "s3", NOW)).as("leaving removed the row, not just hid it").isEmpty();
    }

    @Test
    void events_are_taken_once_in_order_and_only_by_their_node() {
        byte[] large = new byte[200 * 1024];
        Arrays.fill(large, (byte) 7);
        store.send(HubEvent.to("n1", HubEvent.DESIRED, "dev-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        store.send(HubEvent.to("n2", HubEvent.CLOUD_TO_DEVICE, "dev-2", null));
        store.send(HubEvent.to("n1", HubEvent.TELEMETRY, "dev-1", large));
        store.send(HubEvent.to("n1", HubEvent.REVOKED, "dev-3", "it was deleted".getBytes(StandardCharsets.UTF_8)));

        List<HubEvent> first = store.takeEvents("n1", 2);
        assertThat(first).extracting(HubEvent::kind).containsExactly(HubEvent.DESIRED, HubEvent.TELEMETRY);
        assertThat(first.get(0).sequence()).isLessThan(first.get(1).sequence());
        assertThat(first.get(1).body()).isEqualTo(large);
        assertThat(first.get(0).createdAt()).isNotNull();
        assertThat(store.takeEvents("n1", 10)).singleElement().satisfies(e -> {
            assertThat(e.deviceId()).isEqualTo("dev-3");
            assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("it was deleted");
        });
        assertThat(store.takeEvents("n1", 10)).isEmpty();
        assertThat(store.takeEvents("n2", 10)).singleElement().satisfies(e -> assertThat(e.body()).isEmpty());
    }

    @Test
    void an_event_without_a_target_is_refused() {
        assertThatThrownBy(() -> store.send(HubEvent.to(null, HubEvent.DESIRED, "dev-1", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target node");
    }

    @Test
    void a_method_call_is_claimed_by_one_node_and_its_outcome_wakes_the_caller() {
        byte[] payload = new byte[128 * 1024];
        Arrays.fill(payload, (byte) 'x');
        store.createMethodCall(MethodCallRecord.newCall("call-1", "dev-1", "reboot", payload, 30, "caller", NOW,
                NOW.plusSeconds(60)), "holder");
        assertThat(store.takeEvents("holder", 10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(HubEvent.METHOD_CALL);
            assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("call-1");
        });
        assertThat(store.devicesWithUnclaimedCalls(NOW)).containsExactly("dev-1");

        List<MethodCallRecord> claimed = store.claimMethodCalls("dev-1", "holder", NOW);
        assertThat(claimed).singleElement().satisfies(c -> {
            assertThat(c.payload()).isEqualTo(payload);
            assertThat(c.methodName()).isEqualTo("reboot");
            assertThat(c.responseTimeoutSeconds()).isEqualTo(30);
            assertThat(c.callerNode()).isEqualTo("caller");
        });
        assertThat(store.claimMethodCalls("dev-1", "another", NOW)).as("claimed once").isEmpty();
        assertThat(store.abandonUnclaimedCall("call-1")).as("already claimed").isFalse();
        assertThat(store.devicesWithUnclaimedCalls(NOW)).isEmpty();

        store.completeMethodCall("call-1", MethodCallRecord.ANSWERED, 201, payload);
        assertThat(store.takeEvents("caller", 10)).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(HubEvent.METHOD_DONE);
            assertThat(new String(e.body(), StandardCharsets.UTF_8)).isEqualTo("call-1");
        });
        MethodCallRecord answered = store.findMethodCall("call-1").orElseThrow();
        assertThat(answered.outcome()).isEqualTo(MethodCallRecord.ANSWERED);
        assertThat(answered.answerStatus()).isEqualTo(201);
        assertThat(answered.answerPayload()).isEqualTo(payload);
        assertThat(answered.claimedBy()).isEqualTo("holder");

        store.deleteMethodCall("call-1");
        assertThat(store.findMethodCall("call-1")).isEmpty();
        store.completeMethodCall("call-1", MethodCallRecord.TIMEOUT, 504, null);
        assertThat(store.takeEvents("caller", 10)).as("no event for a call the caller gave up").isEmpty();
    }

    @Test
    void a_call_past_its_claim_deadline_or_abandoned_is_not_claimed() {
        store.createMethodCall(MethodCallRecord.newCall("late", "dev-1", "m", new byte[0], 5, "caller", NOW.minusSeconds(20),
                NOW.minusSeconds(10)), null);
        store.createMethodCall(MethodCallRecord.newCall("given-up", "dev-1", "m", new byte[0], 5, "caller", NOW, NOW.plusSeconds(10)), null);
        assertThat(store.abandonUnclaimedCall("given-up")).isTrue();
        assertThat(store.claimMethodCalls("dev-1", "holder", NOW)).isEmpty();
        assertThat(store.devicesWithUnclaimedCalls(NOW)).isEmpty();
        assertThat(store.findMethodCall("given-up").orElseThrow().claimedBy()).isEqualTo(MethodCallRecord.ABANDONED);
    }

    @Test
    void purge_drops_old_events_and_calls_and_forgets_dead_nodes_with_their_presence() {
        store.heartbeat("dead", NOW.minusSeconds(3600), 0);
        store.heartbeat("alive", NOW, 0);
        store.claimPresence("dev-1", "dead", "s1", NOW.minusSeconds(3600));
        store.claimPresence("dev-2", "alive", "s2", NOW);
        store.send(HubEvent.to("dead", HubEvent.CLOUD_TO_DEVICE, "dev-1", null));
        store.createMethodCall(MethodCallRecord.newCall("old", "dev-1", "m", new byte[0], 5, "alive", NOW.minusSeconds(3600),
                NOW.minusSeconds(3590)), null);

        assertThat(store.purge(Instant.now().plusSeconds(1), NOW.minusSeconds(600))).isEqualTo(4);
        assertThat(store.takeEvents("dead", 10)).isEmpty();
        assertThat(store.findMethodCall("old")).isEmpty();
        assertThat(store.claimPresence("dev-1", "alive", "s3", NOW)).isEmpty();
        assertThat(store.findPresence("dev-2", ALIVE_SINCE)).isPresent();
    }

    @Test
    void subscriptions_are_kept_replaced_forgotten_and_go_with_the_device() {
        assertThatThrownBy(() -> hub.saveSubscriptions("nobody", Map.of("$iothub/methods/POST/#", 1)))
                .isInstanceOf(DeviceNotFoundException.class);
        hub.putDevice(HubStoreContract.sasDevice("dev-1"), null);
        assertThat(hub.findSubscriptions("dev-1")).isEmpty();
        hub.saveSubscriptions("dev-1", Map.of("$iothub/methods/POST/#", 1, "$iothub/twin/res/#", 0));
        assertThat(hub.findSubscriptions("dev-1")).isEqualTo(Map.of("$iothub/methods/POST/#", 1, "$iothub/twin/res/#", 0));
        hub.saveSubscriptions("dev-1", Map.of("devices/dev-1/messages/devicebound/#", 1));
        assertThat(hub.findSubscriptions("dev-1")).isEqualTo(Map.of("devices/dev-1/messages/devicebound/#", 1));
        assertThat(hub.forgetSubscriptions("dev-1")).isTrue();
        assertThat(hub.forgetSubscriptions("dev-1")).isFalse();

        hub.saveSubscriptions("dev-1", Map.of("$iothub/twin/#", 1));
        hub.deleteDevice("dev-1", null);
        hub.putDevice(HubStoreContract.sasDevice("dev-1"), null);
        assertThat(hub.findSubscriptions("dev-1")).as("a new identity starts without the old one's session").isEmpty();
    }
}
