package dev.berth.device.provisioning;

/**
 * The registration could not be completed because the client did not get an answer from the service:
 * it could not connect, TLS failed, the connection dropped, the wait timed out, or the server broke the
 * protocol. Answers the service does give, including refusals such as a wrong key, are returned as a
 * {@link DeviceRegistrationResult} instead.
 *
 * <p>Unchecked, so it travels unchanged through {@link java.util.concurrent.CompletableFuture}s and
 * lambdas; a device that retries later should catch it around {@code register}.
 */
public class ProvisioningClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, so that callers can decide whether trying again later makes sense. */
    public enum Reason {
        /** The server could not be reached (name resolution, refused or failed TCP connection). */
        CONNECTION_FAILED,
        /** The TLS handshake failed: untrusted server certificate, host name mismatch, no common protocol. */
        TLS_FAILED,
        /** The server refused the MQTT connection for a reason other than the credentials. */
        CONNECTION_REFUSED,
        /** The connection dropped before the registration finished. */
        CONNECTION_LOST,
        /** No answer within the operation timeout or the overall registration timeout. */
        TIMEOUT,
        /** The server's answer could not be understood. */
        PROTOCOL_ERROR,
        /** The waiting thread was interrupted. */
        INTERRUPTED
    }

    private final Reason reason;

    public ProvisioningClientException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public ProvisioningClientException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
