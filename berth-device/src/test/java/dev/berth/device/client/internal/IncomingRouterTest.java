package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.client.ConnectionStatus;
import dev.berth.device.client.DesiredPropertiesUpdate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncomingRouterTest {

    private final PendingTwinRequests pending = new PendingTwinRequests();
    private final IncomingRouter router = new IncomingRouter("d", pending, new MethodDispatcher("d"));
    private final List<String> events = new CopyOnWriteArrayList<>();

    /** The callback thread's work becomes visible soon; a bounded poll (this module has no Awaitility). */
    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @AfterEach
    void stop() {
        router.stop();
    }

    @Test
    void twin_answer_completes_the_waiting_request_and_is_acknowledged() throws Exception {
        var request = pending.register();
        AtomicBoolean acknowledged = new AtomicBoolean();

        router.message(null, "$iothub/twin/res/204/?$rid=" + request.rid() + "&$version=8", new byte[0], () -> acknowledged.set(true));

        assertThat(request.reply().get().version()).isEqualTo(8);
        assertThat(acknowledged).isTrue();
    }

    @Test
    void cloud_to_device_message_is_acknowledged_only_after_the_listener_returned() {
        router.start();
        router.onCloudToDeviceMessage(message -> events.add("listener " + message.bodyAsString() + " " + message.messageId()
                + " " + message.properties()));

        router.message(null, "devices/d/messages/devicebound/%24.mid=42&k=v", "hi".getBytes(StandardCharsets.UTF_8),
                () -> events.add("ack"));

        waitUntil(() -> events.size() == 2);
        assertThat(events).containsExactly("listener hi 42 {k=v}", "ack");
    }

    @Test
    void a_listener_that_throws_still_acknowledges_so_the_message_does_not_come_back_forever() {
        router.start();
        router.onCloudToDeviceMessage(message -> {
            throw new IllegalStateException("boom");
        });

        router.message(null, "devices/d/messages/devicebound/", new byte[0], () -> events.add("ack"));

        waitUntil(() -> events.contains("ack"));
    }

    @Test
    void without_a_listener_a_cloud_to_device_message_is_not_acknowledged() {
        router.start();
        router.onConnectionStatusChange(status -> events.add("marker"));

        router.message(null, "devices/d/messages/devicebound/", new byte[0], () -> events.add("ack"));
        // callbacks run in order: once the marker has run, an acknowledgement would have happened already
        router.status(new ConnectionStatus(ConnectionStatus.State.CONNECTED, null));

        waitUntil(() -> events.contains("marker"));
        assertThat(events).containsExactly("marker");
    }

    @Test
    void desired_update_reaches_its_listener_with_version_and_patch() {
        router.start();
        List<DesiredPropertiesUpdate> updates = new CopyOnWriteArrayList<>();
        router.onDesiredPropertiesUpdate(updates::add);

        router.message(null, "$iothub/twin/PATCH/properties/desired/?$version=3",
                "{\"interval\":5,\"$version\":3}".getBytes(StandardCharsets.UTF_8), () -> events.add("ack"));

        waitUntil(() -> events.contains("ack"));
        assertThat(updates).singleElement().satisfies(update -> {
            assertThat(update.version()).isEqualTo(3);
            assertThat(update.patchJson()).isEqualTo("{\"interval\":5}");
        });
    }

    @Test
    void status_changes_reach_the_listener_in_order() {
        router.start();
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        router.onConnectionStatusChange(statuses::add);

        router.status(new ConnectionStatus(ConnectionStatus.State.DISCONNECTED_RETRYING, "lost"));
        router.status(new ConnectionStatus(ConnectionStatus.State.CONNECTED, null));

        waitUntil(() -> statuses.size() == 2);
        assertThat(statuses).extracting(ConnectionStatus::state)
                .containsExactly(ConnectionStatus.State.DISCONNECTED_RETRYING, ConnectionStatus.State.CONNECTED);
    }

    @Test
    void unknown_topics_are_acknowledged_and_ignored() {
        router.message(null, "$iothub/clientproxy/something", new byte[0], () -> events.add("ack"));

        assertThat(events).containsExactly("ack");
    }
}
