package dev.berth.server.store;

/** An If-Match etag did not name the stored version. */
public final class PreconditionFailedException extends RuntimeException {
    public PreconditionFailedException(String message) {
        super(message);
    }
}
