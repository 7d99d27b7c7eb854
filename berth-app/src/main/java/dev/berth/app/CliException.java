package dev.berth.app;

/** A failure whose message is written for the person at the terminal; printed without a stack trace. */
public final class CliException extends RuntimeException {

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }

    /** What a wrapped failure says; its class name when it carries no message, so that no error is printed without a reason. */
    static String reason(Throwable failure) {
        return failure.getMessage() == null ? failure.toString() : failure.getMessage();
    }
}
