package dev.berth.server.hub;

/** The hub refused the device identity or could not be reached; the message says which and why. */
public final class HubRegistryException extends RuntimeException {
    private final boolean unauthorized;

    public HubRegistryException(String message, boolean unauthorized, Throwable cause) {
        super(message, cause);
        this.unauthorized = unauthorized;
    }

    /** True when the hub refused the provisioning service's credentials (DPS error 400209). */
    public boolean unauthorized() {
        return unauthorized;
    }
}
