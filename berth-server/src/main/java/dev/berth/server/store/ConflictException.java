package dev.berth.server.store;

/**
 * A write would break a uniqueness rule the store keeps: a certificate already in another enrollment, a CA
 * certificate registered under another name, a CA still referenced by enrollment groups. The message names
 * what is in the way and is fit for the API caller.
 */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
