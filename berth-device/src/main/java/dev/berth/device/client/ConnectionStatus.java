package dev.berth.device.client;

import java.util.Objects;

/**
 * A change of the hub connection, as reported to {@link DeviceClient#onConnectionStatusChange}.
 *
 * @param state  where the connection is now
 * @param reason why it changed, e.g. "connection lost: …" or "closed by the application"; null when connected
 */
public record ConnectionStatus(State state, String reason) {

    public enum State {
        /** Connected and subscribed; operations go out immediately. */
        CONNECTED,
        /** The connection dropped; the client reconnects with back-off, operations wait for it. */
        DISCONNECTED_RETRYING,
        /** Not connected and not trying: closed by the application, or the hub refused the credentials. */
        DISCONNECTED
    }

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
    }
}
