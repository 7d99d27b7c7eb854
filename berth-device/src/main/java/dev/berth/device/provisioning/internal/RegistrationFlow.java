package dev.berth.device.provisioning.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.device.provisioning.DeviceRegistrationResult;
import dev.berth.device.provisioning.ProvisioningClientException;
import dev.berth.device.provisioning.ProvisioningClientException.Reason;
import dev.berth.device.provisioning.ProvisioningStatus;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsRequestTopic;
import dev.berth.protocol.dps.RegistrationOperationStatus;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One registration, start to end: connect, register, follow {@code 202}s with operation-status polls
 * after {@code retry-after}, retry throttled or transient answers, and stop at a final status, an error
 * answer or the deadline. The connection is always closed before returning.
 */
public final class RegistrationFlow {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationFlow.class);

    private final ProvisioningSettings settings;
    private final ProvisioningExchange exchange;
    private final Ticker ticker;
    private long nextRid = 1;

    public RegistrationFlow(ProvisioningSettings settings, ProvisioningExchange exchange, Ticker ticker) {
        this.settings = settings;
        this.exchange = exchange;
        this.ticker = ticker;
    }

    /** @throws ProvisioningClientException when no final answer could be obtained within {@code timeout} */
    public DeviceRegistrationResult run(ObjectNode payload, Duration timeout) {
        Deadline deadline = new Deadline(ticker, timeout);
        String regId = settings.registrationId();
        try (exchange) {
            LOG.debug("registering {} with {} (ID scope {})", regId, settings.endpoint(), settings.idScope());
            Optional<ProvisioningExchange.ConnectRefusal> refusal =
                    exchange.open(deadline.stepWait(settings.operationTimeout(), "connecting to " + settings.endpoint()));
            if (refusal.isPresent()) {
                return refusedAtConnect(refusal.get());
            }
            return exchangeUntilFinal(RegistrationPayload.registerBody(regId, payload), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningClientException(Reason.INTERRUPTED, "interrupted while registering " + regId, e);
        }
    }

    private DeviceRegistrationResult exchangeUntilFinal(byte[] registerBody, Deadline deadline) throws InterruptedException {
        String operationId = null;
        String lastStatus = "no answer yet";
        while (true) {
            String rid = Long.toString(nextRid++);
            String what = operationId == null ? "the answer to the register request" : "the operation status";
            if (operationId == null) {
                exchange.publish(DpsRequestTopic.register(rid), registerBody);
            } else {
                exchange.publish(DpsRequestTopic.operationStatus(rid, operationId), new byte[0]);
            }
            LOG.debug("{}: sent {} ($rid={})", settings.registrationId(), operationId == null ? "register" : "poll " + operationId, rid);
            Answers.Answer answer = Answers.awaitFor(exchange, rid, what, deadline, settings.operationTimeout());
            int status = answer.topic().status();
            LOG.debug("{}: answer {} for $rid={}", settings.registrationId(), status, rid);
            if (status == 200 || status == 202) {
                RegistrationOperationStatus operation = RegistrationResults.readOperationStatus(answer.body());
                if (operation == null) {
                    return RegistrationResults.fromError(status, answer.body(), settings.registrationId(), operationId);
                }
                operationId = operation.operationId();
                if (operation.status().isTerminal()) {
                    return finished(RegistrationResults.fromOperationStatus(operation, settings.registrationId()));
                }
                lastStatus = "the service still says '" + operation.status().wireName() + "'";
                pause(RetryAfter.of(answer.topic()), deadline, "the operation status", lastStatus);
            } else if (status >= 429) {
                // throttled or a transient server error: the same request again after retry-after
                lastStatus = "the service answered " + status;
                pause(RetryAfter.of(answer.topic()), deadline, what, lastStatus);
            } else {
                return finished(RegistrationResults.fromError(status, answer.body(), settings.registrationId(), operationId));
            }
        }
    }

    private void pause(Duration retryAfter, Deadline deadline, String what, String lastStatus) throws InterruptedException {
        Duration remaining = deadline.remaining();
        if (remaining.compareTo(retryAfter) <= 0) {
            ticker.sleep(remaining);
            throw deadline.expired(what + " (" + lastStatus + ")");
        }
        ticker.sleep(retryAfter);
    }

    private DeviceRegistrationResult finished(DeviceRegistrationResult result) {
        if (result.status() == ProvisioningStatus.ASSIGNED) {
            LOG.debug("{}: assigned to {} as {}", result.registrationId(), result.assignedHub(), result.deviceId());
        } else {
            LOG.debug("{}: {} ({} {})", result.registrationId(), result.status(), result.errorCode(), result.errorMessage());
        }
        return result;
    }

    private DeviceRegistrationResult refusedAtConnect(ProvisioningExchange.ConnectRefusal refusal) {
        String message = "the service refused the connection (" + refusal.detail() + "): check the device key,"
                + " the ID scope '" + settings.idScope() + "' and the registration ID '" + settings.registrationId() + "'";
        LOG.debug("{}: {}", settings.registrationId(), message);
        return new DeviceRegistrationResult(ProvisioningStatus.FAILED, settings.registrationId(), null, null, null,
                DpsErrorCode.UNAUTHORIZED.code(), message, null, null, null, null, null, null);
    }
}
