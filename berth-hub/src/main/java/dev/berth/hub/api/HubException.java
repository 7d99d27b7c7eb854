package dev.berth.hub.api;

import dev.berth.protocol.hub.HubErrorCode;
import java.util.UUID;

/**
 * A refusal of the hub's service API: an IoT Hub error code (which carries the HTTP status), a message fit
 * for the caller and a tracking ID that appears in the answer and in the log.
 */
public final class HubException extends RuntimeException {
    private final HubErrorCode code;
    private final String trackingId = UUID.randomUUID().toString();

    public HubException(HubErrorCode code, String message) {
        this(code, message, null);
    }

    public HubException(HubErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public HubErrorCode code() {
        return code;
    }

    public String trackingId() {
        return trackingId;
    }
}
