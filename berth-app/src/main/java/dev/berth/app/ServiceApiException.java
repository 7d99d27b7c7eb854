package dev.berth.app;

/** The service API refused a call; carries what the server said so the CLI can show it. */
public final class ServiceApiException extends RuntimeException {
    private final int httpStatus;
    private final Integer errorCode;
    private final String serverMessage;
    private final String trackingId;

    ServiceApiException(int httpStatus, Integer errorCode, String serverMessage, String trackingId) {
        super("the service API answered HTTP " + httpStatus + (errorCode == null ? "" : ", errorCode " + errorCode)
                + ": " + serverMessage + (trackingId == null ? "" : " (trackingId " + trackingId + ")"));
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
        this.trackingId = trackingId;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The 6-digit DPS error code, or null when the answer had no error body. */
    public Integer errorCode() {
        return errorCode;
    }

    public String serverMessage() {
        return serverMessage;
    }

    public String trackingId() {
        return trackingId;
    }
}
