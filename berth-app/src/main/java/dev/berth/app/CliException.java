package dev.berth.app;

/** A failure whose message is written for the person at the terminal; printed without a stack trace. */
public final class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
