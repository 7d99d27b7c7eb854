package dev.berth.hub.device;

/**
 * How a direct-method call ended: the device answered (status and payload as it sent them), it was not online
 * (404103), or it did not answer in time (504101). {@code detail} says why, for the caller and the log.
 */
public record MethodOutcome(Kind kind, int status, byte[] payload, String detail) {
    public enum Kind { ANSWERED, NOT_ONLINE, TIMEOUT }

    public MethodOutcome {
        payload = payload == null ? new byte[0] : payload;
    }

    public static MethodOutcome answered(int status, byte[] payload) {
        return new MethodOutcome(Kind.ANSWERED, status, payload, "answered " + status);
    }

    public static MethodOutcome notOnline(String detail) {
        return new MethodOutcome(Kind.NOT_ONLINE, 404, null, detail);
    }

    public static MethodOutcome timeout(String detail) {
        return new MethodOutcome(Kind.TIMEOUT, 504, null, detail);
    }
}
