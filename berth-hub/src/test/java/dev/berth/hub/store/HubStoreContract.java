package dev.berth.hub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.server.Json;
import dev.berth.server.store.ConflictException;
import dev.berth.server.store.JdbcBerthStore;
import dev.berth.server.store.Page;
import dev.berth.server.store.PreconditionFailedException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link HubStore} contract, written once and run on every database the provisioning store supports. */
abstract class HubStoreContract {
    protected JdbcBerthStore provisioning;
    protected JdbcHubStore store;

    protected abstract JdbcBerthStore openProvisioningStore();

    protected void discardDatabase() {
    }

    @BeforeEach
    void open() {
        provisioning = openProvisioningStore();
        store = JdbcHubStore.on(provisioning, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (provisioning != null) {
            provisioning.close();
        }
        discardDatabase();
    }

    static DeviceRecord sasDevice(String id) {
        return new DeviceRecord(id, null, null, "enabled", null, DeviceRecord.SAS, "cHJpbWFyeS1rZXktMTIzNDU2", "c2Vjb25kYXJ5LWtleS0xMjM0",
                null, null, null, false, null, null);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void hub_tables_are_migrated_once_with_their_own_history() {
        assertThat(JdbcHubStore.on(provisioning, Clock.systemUTC()).migrationsApplied()).isZero();
        assertThat(provisioning.settingIfAbsent("k", "v")).isEqualTo("v");
    }

    @Test
    void created_device_gets_generation_etag_and_an_empty_twin() {
        DeviceRecord created = store.putDevice(sasDevice("dev-1"), null);
        assertThat(created.generationId()).isNotBlank();
        assertThat(created.etag()).startsWith("\"");
        assertThat(store.findDevice("dev-1")).contains(created);
        assertThat(store.findDevice("DEV-1")).as("device IDs are case-sensitive").isEmpty();
        TwinRecord twin = store.findTwin("dev-1").orElseThrow();
        assertThat(twin.tags()).isEmpty();
        assertThat(twin.desired()).isEmpty();
        assertThat(twin.reported()).isEmpty();
        assertThat(twin.desiredVersion()).isEqualTo(1);
        assertThat(twin.reportedVersion()).isEqualTo(1);
    }

    @Test
    void replacing_a_device_keeps_generation_and_checks_if_match() {
        DeviceRecord created = store.putDevice(sasDevice("dev-1"), null);
        DeviceRecord disabled = new DeviceRecord("dev-1", null, null, "disabled", "stolen", DeviceRecord.SELF_SIGNED, null, null,
                "AB".repeat(32), null, null, true, null, null);
        assertThatThrownBy(() -> store.putDevice(disabled, "\"stale\"")).isInstanceOf(PreconditionFailedException.class);
        DeviceRecord replaced = store.putDevice(disabled, created.etag());
        assertThat(replaced.generationId()).isEqualTo(created.generationId());
        assertThat(replaced.etag()).isNotEqualTo(created.etag());
        assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
        assertThat(store.findDevice("dev-1").orElseThrow()).isEqualTo(replaced);
        assertThat(replaced.enabled()).isFalse();
        assertThat(replaced.iotEdge()).isTrue();
    }

    @Test
    void create_only_refuses_an_existing_device() {
        store.createDevice(sasDevice("dev-1"));
        assertThatThrownBy(() -> store.createDevice(sasDevice("dev-1"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("dev-1");
    }

    @Test
    void deleting_a_device_deletes_its_twin_and_messages() {
        DeviceRecord created = store.putDevice(sasDevice("dev-1"), null);
        store.enqueue(message("dev-1", "m1", Instant.now().plusSeconds(60)));
        assertThatThrownBy(() -> store.deleteDevice("dev-1", "\"other\"")).isInstanceOf(PreconditionFailedException.class);
        assertThat(store.deleteDevice("dev-1", created.etag())).isTrue();
        assertThat(store.deleteDevice("dev-1", null)).isFalse();
        assertThat(store.findTwin("dev-1")).isEmpty();
        store.putDevice(sasDevice("dev-1"), null);
        assertThat(store.pendingMessages("dev-1", Instant.now(), 10)).isEmpty();
    }

    @Test
    void devices_are_listed_in_pages() {
        for (String id : List.of("c", "a", "e", "b", "d")) {
            store.putDevice(sasDevice(id), null);
        }
        List<String> seen = new ArrayList<>();
        String continuation = null;
        do {
            Page<DeviceRecord> page = store.listDevices(2, continuation);
            page.items().forEach(d -> seen.add(d.deviceId()));
            continuation = page.continuation();
        } while (continuation != null);
        assertThat(seen).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void reported_patch_merges_nested_objects_deletes_nulls_and_bumps_version() {
        store.putDevice(sasDevice("dev-1"), null);
        store.patchReported("dev-1", json("{\"fw\":{\"version\":\"1.0\",\"channel\":\"beta\"},\"temp\":20}"));
        TwinRecord twin = store.patchReported("dev-1", json("{\"fw\":{\"channel\":null,\"size\":3},\"temp\":null,\"$version\":99}"));
        assertThat(twin.reported()).isEqualTo(json("{\"fw\":{\"version\":\"1.0\",\"size\":3}}"));
        assertThat(twin.reportedVersion()).isEqualTo(3);
        assertThat(twin.desiredVersion()).isEqualTo(1);
        assertThat(store.findTwin("dev-1").orElseThrow()).isEqualTo(twin);
    }

    @Test
    void desired_patch_merges_tags_and_desired_with_if_match() {
        store.putDevice(sasDevice("dev-1"), null);
        TwinRecord before = store.findTwin("dev-1").orElseThrow();
        TwinRecord after = store.patchDesired("dev-1", json("{\"site\":\"lab\"}"), json("{\"interval\":5}"), before.etag());
        assertThat(after.tags()).isEqualTo(json("{\"site\":\"lab\"}"));
        assertThat(after.desired()).isEqualTo(json("{\"interval\":5}"));
        assertThat(after.desiredVersion()).isEqualTo(2);
        assertThat(after.version()).isEqualTo(before.version() + 1);
        assertThatThrownBy(() -> store.patchDesired("dev-1", null, json("{\"interval\":6}"), before.etag()))
                .isInstanceOf(PreconditionFailedException.class);
        TwinRecord tagsOnly = store.patchDesired("dev-1", json("{\"site\":null,\"room\":1}"), null, null);
        assertThat(tagsOnly.tags()).isEqualTo(json("{\"room\":1}"));
        assertThat(tagsOnly.desiredVersion()).as("only tags changed").isEqualTo(2);
    }

    @Test
    void replace_desired_replaces_tags_and_desired() {
        store.putDevice(sasDevice("dev-1"), null);
        store.patchDesired("dev-1", json("{\"a\":1}"), json("{\"b\":2}"), null);
        TwinRecord replaced = store.replaceDesired("dev-1", json("{\"c\":3}"), json("{\"d\":{\"e\":4}}"), "*");
        assertThat(replaced.tags()).isEqualTo(json("{\"c\":3}"));
        assertThat(replaced.desired()).isEqualTo(json("{\"d\":{\"e\":4}}"));
        assertThat(replaced.desiredVersion()).isEqualTo(3);
    }

    @Test
    void oversized_sections_are_refused_with_their_sizes() {
        store.putDevice(sasDevice("dev-1"), null);
        ObjectNode big = json("{}").put("blob", "x".repeat(33 * 1024));
        assertThatThrownBy(() -> store.patchReported("dev-1", big)).isInstanceOf(TwinTooLargeException.class)
                .hasMessageContaining("reported").hasMessageContaining("32768");
        assertThatThrownBy(() -> store.patchDesired("dev-1", null, big, null)).isInstanceOf(TwinTooLargeException.class)
                .hasMessageContaining("desired").hasMessageContaining(Integer.toString(33 * 1024 + 11));
        assertThat(store.findTwin("dev-1").orElseThrow().reportedVersion()).as("nothing written").isEqualTo(1);
    }

    @Test
    void invalid_property_names_and_missing_devices_are_refused() {
        store.putDevice(sasDevice("dev-1"), null);
        assertThatThrownBy(() -> store.patchReported("dev-1", json("{\"a.b\":1}"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.b");
        assertThatThrownBy(() -> store.patchReported("dev-1", json("{\"x\":{\"$y\":1}}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.patchReported("nobody", json("{\"a\":1}"))).isInstanceOf(DeviceNotFoundException.class);
        assertThatThrownBy(() -> store.enqueue(message("nobody", "m", Instant.now().plusSeconds(5))))
                .isInstanceOf(DeviceNotFoundException.class);
    }

    @Test
    void concurrent_reported_patches_lose_no_update() throws Exception {
        store.putDevice(sasDevice("dev-1"), null);
        int writers = 4;
        int patchesEach = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int p = 0; p < patchesEach; p++) {
                        if (p % 2 == 0) {
                            store.patchReported("dev-1", json("{\"w" + writer + "p" + p + "\":true}"));
                        } else {
                            store.patchDesired("dev-1", null, json("{\"w" + writer + "p" + p + "\":true}"), null);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        TwinRecord twin = store.findTwin("dev-1").orElseThrow();
        assertThat(twin.reported().size() + twin.desired().size()).isEqualTo(writers * patchesEach);
        assertThat(twin.reportedVersion() + twin.desiredVersion()).isEqualTo(2 + writers * patchesEach);
        assertThat(twin.version()).isEqualTo(1 + writers * patchesEach);
    }

    @Test
    void cloud_to_device_messages_queue_in_order_expire_and_complete() {
        store.putDevice(sasDevice("dev-1"), null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("color", "blue");
        properties.put("flag", null);
        store.enqueue(new CloudToDeviceMessage("m1", "dev-1", "one".getBytes(), properties, "c1", now, now.plusSeconds(60), 0));
        store.enqueue(message("dev-1", "m2", now.plusSeconds(60)));
        store.enqueue(message("dev-1", "old", now.minusSeconds(1)));
        List<CloudToDeviceMessage> pending = store.pendingMessages("dev-1", now, 10);
        assertThat(pending).extracting(CloudToDeviceMessage::messageId).containsExactly("m1", "m2");
        assertThat(pending.get(0).properties()).containsEntry("color", "blue").containsEntry("flag", null);
        assertThat(pending.get(0).payload()).isEqualTo("one".getBytes());
        assertThat(pending.get(0).correlationId()).isEqualTo("c1");
        assertThat(store.pendingMessageCount("dev-1", now)).isEqualTo(2);
        store.markDelivered("dev-1", "m1");
        assertThat(store.pendingMessages("dev-1", now, 1).get(0).deliveryCount()).isEqualTo(1);
        assertThat(store.complete("dev-1", "m1")).isTrue();
        assertThat(store.complete("dev-1", "m1")).isFalse();
        assertThat(store.purgeExpiredMessages(now)).isEqualTo(1);
        assertThat(store.pendingMessages("dev-1", now, 10)).extracting(CloudToDeviceMessage::messageId).containsExactly("m2");
    }

    @Test
    void pending_message_counts_of_many_devices_come_from_one_read_and_skip_expired_ones() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 510; i++) {
            ids.add("many-" + i);
        }
        for (String id : List.of("many-0", "many-509", "lonely")) {
            store.putDevice(sasDevice(id), null);
        }
        store.enqueue(message("many-0", "a", now.plusSeconds(60)));
        store.enqueue(message("many-0", "b", now.plusSeconds(60)));
        store.enqueue(message("many-509", "c", now.plusSeconds(60)));
        store.enqueue(message("many-509", "expired", now.minusSeconds(1)));
        store.enqueue(message("lonely", "d", now.plusSeconds(60)));

        Map<String, Integer> counts = store.pendingMessageCounts(ids, now);

        assertThat(counts).containsOnly(Map.entry("many-0", 2), Map.entry("many-509", 1));
        assertThat(store.pendingMessageCounts(List.of(), now)).isEmpty();
    }

    @Test
    void telemetry_is_sequenced_filtered_by_device_and_purged_by_age() {
        Instant old = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        Map<String, String> app = new LinkedHashMap<>();
        app.put("k", "v");
        app.put("empty", null);
        TelemetryMessage first = store.appendTelemetry(new TelemetryMessage(0, "a", null, old, Map.of("$.ct", "application/json"), app, "1".getBytes()));
        TelemetryMessage second = store.appendTelemetry(new TelemetryMessage(0, "b", "mod", Instant.now(), Map.of(), Map.of(), "2".getBytes()));
        TelemetryMessage third = store.appendTelemetry(new TelemetryMessage(0, "a", null, null, null, null, null));
        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(third.sequence()).isGreaterThan(second.sequence());
        assertThat(store.telemetryAfter(0, null, 10)).extracting(TelemetryMessage::sequence)
                .containsExactly(first.sequence(), second.sequence(), third.sequence());
        List<TelemetryMessage> ofA = store.telemetryAfter(0, "a", 10);
        assertThat(ofA).hasSize(2);
        assertThat(ofA.get(0).applicationProperties()).containsEntry("k", "v").containsEntry("empty", null);
        assertThat(ofA.get(0).systemProperties()).containsEntry("$.ct", "application/json");
        assertThat(ofA.get(0).receivedAt()).isEqualTo(old);
        assertThat(store.telemetryAfter(first.sequence(), null, 1)).extracting(TelemetryMessage::moduleId).containsExactly("mod");
        assertThat(store.purgeTelemetry(Instant.now().minusSeconds(60))).isEqualTo(1);
        assertThat(store.telemetryAfter(0, null, 10)).hasSize(2);
    }

    private static CloudToDeviceMessage message(String deviceId, String id, Instant expires) {
        return new CloudToDeviceMessage(id, deviceId, id.getBytes(), Map.of(), null, null, expires, 0);
    }
}
