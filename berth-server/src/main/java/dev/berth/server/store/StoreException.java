package dev.berth.server.store;

/** The database failed; the message is for the operator log, not the device. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
