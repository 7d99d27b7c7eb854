package dev.berth.device.provisioning.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * One connection to the provisioning service over some transport, as the registration flow uses it:
 * requests are named by their DPS MQTT topics (the HTTPS exchange maps them to REST calls), answers come
 * back in order as DPS response topics and bodies. Keeps the flow free of MQTT and HTTP library types.
 */
public interface ProvisioningExchange extends AutoCloseable {

    /**
     * Connects and subscribes to the answers.
     *
     * @return a refusal when the service turned the credentials down at connect time, otherwise empty
     * @throws dev.berth.device.provisioning.ProvisioningClientException on transport failures and timeouts
     */
    Optional<ConnectRefusal> open(Duration maxWait) throws InterruptedException;

    /** Sends a request; failures to send surface from the next {@link #awaitAnswer}. */
    void publish(String topic, byte[] body);

    /**
     * The next answer, or empty when none arrived within {@code maxWait}.
     *
     * @throws dev.berth.device.provisioning.ProvisioningClientException if the connection was lost or a publish failed
     */
    Optional<DpsAnswer> awaitAnswer(Duration maxWait) throws InterruptedException;

    /** Disconnects; never throws. */
    @Override
    void close();

    /** The service refused the connection because of the credentials; {@code detail} says how. */
    record ConnectRefusal(String detail) {
    }
}
