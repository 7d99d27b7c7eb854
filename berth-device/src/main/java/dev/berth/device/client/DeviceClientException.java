package dev.berth.device.client;

/**
 * An operation on the hub did not succeed: not connected, no answer in time, or the hub answered with an
 * error status ({@link #status()}, with the hub's message in {@link #getMessage()}).
 */
public class DeviceClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The client is not open, or was closed, or the hub refused its credentials. */
        NOT_CONNECTED,
        /** The connection dropped while the operation waited for its answer. */
        CONNECTION_LOST,
        /** No answer (PUBACK or response) within the timeout. */
        TIMEOUT,
        /** The hub answered with an error status, e.g. 400 for a malformed twin patch. */
        REJECTED,
        /** The hub's answer could not be understood. */
        PROTOCOL_ERROR,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    private final Reason reason;
    private final int status;

    public DeviceClientException(Reason reason, String message, Throwable cause) {
        this(reason, 0, message, cause);
    }

    public DeviceClientException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public Reason reason() {
        return reason;
    }

    /** The hub's status for {@link Reason#REJECTED}, otherwise 0. */
    public int status() {
        return status;
    }
}
