package dev.berth.server.store;

import dev.berth.protocol.dps.RegistrationStatus;
import java.time.Instant;

/**
 * A register request in progress or done. {@code resultJson} is the complete
 * {@code RegistrationOperationStatus} answer once the operation is terminal (null while assigning).
 */
public record Operation(
        String operationId,
        String registrationId,
        RegistrationStatus status,
        Instant createdAt,
        Instant updatedAt,
        String resultJson) {
}
