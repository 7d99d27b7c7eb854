package dev.berth.server.allocation;

import dev.berth.protocol.dps.DpsErrorCode;

/**
 * A custom allocation webhook could not choose a hub: unreachable or too slow (500xxx), a non-2xx answer
 * (500xxx), or an answer Berth cannot use (400xxx). The message is safe to show the device: it names the
 * webhook without its query string, which often holds a function key.
 */
public final class CustomAllocationException extends RuntimeException {
    private final DpsErrorCode code;

    public CustomAllocationException(DpsErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CustomAllocationException(DpsErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public DpsErrorCode code() {
        return code;
    }
}
