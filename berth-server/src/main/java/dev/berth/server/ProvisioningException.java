package dev.berth.server;

import dev.berth.protocol.dps.DpsErrorCode;
import java.util.UUID;

/**
 * A refusal, valid on every transport: a DPS error code (which carries the HTTP status), a message safe to
 * show the device owner, a more detailed message for the operator log, and a tracking ID that appears
 * in both. Each transport maps it to the wire in exactly one place.
 */
public class ProvisioningException extends RuntimeException {
    private final DpsErrorCode code;
    private final String clientMessage;
    private final String trackingId;

    public ProvisioningException(DpsErrorCode code, String clientMessage) {
        this(code, clientMessage, clientMessage, null);
    }

    public ProvisioningException(DpsErrorCode code, String clientMessage, String logMessage, Throwable cause) {
        super(logMessage, cause);
        this.code = code;
        this.clientMessage = clientMessage;
        this.trackingId = UUID.randomUUID().toString();
    }

    public DpsErrorCode code() {
        return code;
    }

    public String clientMessage() {
        return clientMessage;
    }

    public String logMessage() {
        return getMessage();
    }

    public String trackingId() {
        return trackingId;
    }
}
