package dev.berth.device.provisioning.internal;

import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.protocol.dps.DpsResponseTopic;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for the answer to one request, matched by {@code $rid}; stray or unreadable answers are skipped. */
final class Answers {

    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    /** A parsed answer to the request that is being waited for. */
    record Answer(DpsResponseTopic topic, byte[] body) {
    }

    private Answers() {
    }

    /**
     * @throws ProvisioningClientException TIMEOUT when neither the step limit nor the deadline leaves time
     *                                     for an answer; CONNECTION_LOST and others from the exchange
     */
    static Answer awaitFor(ProvisioningExchange exchange, String rid, String what, Deadline deadline, Duration stepLimit)
            throws InterruptedException {
        Duration stepWait = deadline.stepWait(stepLimit, what);
        long stepEnd = deadline.now() + stepWait.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(Math.max(0, stepEnd - deadline.now()));
            Optional<DpsAnswer> received = left.isZero() ? Optional.empty() : exchange.awaitAnswer(left);
            if (received.isEmpty()) {
                if (deadline.cutShort(stepWait, stepLimit)) {
                    throw deadline.expired(what);
                }
                throw new ProvisioningClientException(Reason.TIMEOUT, "no answer within the operation timeout of "
                        + Durations.describe(stepLimit) + " while waiting for " + what);
            }
            DpsResponseTopic topic;
            try {
                topic = DpsResponseTopic.parse(received.get().topic());
            } catch (IllegalArgumentException e) {
                LOG.debug("ignoring a message on an unexpected topic: {}", e.getMessage());
                continue;
            }
            if (!Objects.equals(topic.rid(), rid)) {
                LOG.debug("ignoring an answer for $rid={} while waiting for $rid={}", topic.rid(), rid);
                continue;
            }
            return new Answer(topic, received.get().body());
        }
    }
}
