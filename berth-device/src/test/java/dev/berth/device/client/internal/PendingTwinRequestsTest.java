package dev.berth.device.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.device.client.DeviceClientException;
import dev.berth.device.client.internal.PendingTwinRequests.TwinReply;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class PendingTwinRequestsTest {

    private final PendingTwinRequests pending = new PendingTwinRequests();

    @Test
    void each_request_gets_its_own_rid_and_only_its_answer() throws Exception {
        var first = pending.register();
        var second = pending.register();
        assertThat(first.rid()).isNotEqualTo(second.rid());

        TwinReply answer = new TwinReply(204, 3L, new byte[0]);
        assertThat(pending.complete(second.rid(), answer)).isTrue();

        assertThat(second.reply().get()).isSameAs(answer);
        assertThat(first.reply()).isNotDone();
    }

    @Test
    void an_answer_with_an_unknown_or_already_used_rid_is_not_delivered() {
        var request = pending.register();
        assertThat(pending.complete("999", new TwinReply(200, null, new byte[0]))).isFalse();
        assertThat(pending.complete(request.rid(), new TwinReply(200, null, new byte[0]))).isTrue();
        assertThat(pending.complete(request.rid(), new TwinReply(200, null, new byte[0]))).isFalse();
    }

    @Test
    void a_late_answer_after_the_caller_gave_up_finds_nobody() {
        var request = pending.register();
        pending.forget(request.rid());
        assertThat(pending.complete(request.rid(), new TwinReply(200, null, new byte[0]))).isFalse();
        assertThat(pending.size()).isZero();
    }

    @Test
    void a_lost_connection_fails_every_waiting_request_at_once() {
        var first = pending.register();
        var second = pending.register();

        pending.failAll(new DeviceClientException(DeviceClientException.Reason.CONNECTION_LOST, "gone", null));

        for (var request : new PendingTwinRequests.Pending[] {first, second}) {
            Assertions.assertThatThrownBy(() -> request.reply().get()).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(DeviceClientException.class).hasMessageContaining("gone");
        }
        assertThat(pending.size()).isZero();
    }
}
