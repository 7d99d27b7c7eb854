package dev.berth.device.provisioning;

import java.util.Objects;

/**
 * An HTTP proxy that the client tunnels through with {@code CONNECT host:port}, optionally with Basic
 * proxy authentication. Works with every {@link ProvisioningTransport}; TLS runs end to end inside the
 * tunnel, so the proxy sees neither the SAS token nor the answers.
 *
 * <pre>{@code
 * ProxySettings.of("proxy.example.com", 3128)
 * ProxySettings.of("proxy.example.com", 3128).withCredentials("device-07", proxyPassword)
 * }</pre>
 *
 * @param host     the proxy's host name or IP address, without scheme or port
 * @param port     the proxy's port
 * @param username the proxy user name, or null when the proxy needs no authentication
 * @param password the proxy password, or null when the proxy needs no authentication
 */
public record ProxySettings(String host, int port, String username, String password) {

    /** @throws IllegalArgumentException on a malformed host or port, or a user name without a password */
    public ProxySettings {
        boolean hostAndPort = host != null && host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':');
        if (host == null || host.isBlank() || host.contains("/") || hostAndPort || hasControlCharacters(host)) {
            throw new IllegalArgumentException("proxy host must be a host name or IP address without scheme or port,"
                    + " got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port must be 1 to 65535, got " + port);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("proxy credentials need both a user name and a password");
        }
        if (username != null && (username.isEmpty() || username.indexOf(':') >= 0 || hasControlCharacters(username))) {
            // Basic authentication joins them as user:password, so a colon in the name would shift the split
            throw new IllegalArgumentException("proxy user name must be non-empty, without ':' or control characters");
        }
        if (password != null && hasControlCharacters(password)) {
            throw new IllegalArgumentException("proxy password must not contain control characters");
        }
        host = host.strip();
    }

    /** A proxy that needs no authentication. */
    public static ProxySettings of(String host, int port) {
        return new ProxySettings(host, port, null, null);
    }

    /** The same proxy, authenticating with HTTP Basic. */
    public ProxySettings withCredentials(String username, String password) {
        return new ProxySettings(host, port, Objects.requireNonNull(username, "username"),
                Objects.requireNonNull(password, "password"));
    }

    public boolean hasCredentials() {
        return username != null;
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ProxySettings[" + address() + (hasCredentials() ? ", user " + username + ", password ****" : "") + "]";
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
