package dev.berth.hub.store;

/** A twin section would exceed its size limit (32 KB for desired, 32 KB for reported). */
public final class TwinTooLargeException extends RuntimeException {
    public TwinTooLargeException(String message) {
        super(message);
    }
}
