package dev.berth.server.store;

/**
 * A create-only write ({@code If-None-Match: *}, or a bulk {@code create}) found the entity already stored. The
 * check runs in the same transaction as the insert, so of two concurrent creates exactly one wins.
 */
public final class AlreadyExistsException extends RuntimeException {
    public AlreadyExistsException(String message) {
        super(message);
    }
}
