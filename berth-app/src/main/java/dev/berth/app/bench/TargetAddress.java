package dev.berth.app.bench;

import dev.berth.app.CliException;
import dev.berth.device.provisioning.ProvisioningTransport;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The device endpoint given to {@code --target}: {@code host}, {@code host:port}, {@code mqtts://host:port} or
 * {@code https://host:port}; the port defaults to the transport's. Also says whether a host is loopback, since
 * load may only go to machines the user owns.
 */
public record TargetAddress(String host, int port) {

    static TargetAddress parse(String text, ProvisioningTransport transport) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new CliException("--target is empty; give host:port, mqtts://host:port or https://host:port");
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "//" + value);
        } catch (IllegalArgumentException e) {
            throw new CliException("--target '" + value + "' is not host:port or a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme != null && !scheme.equals(transport == ProvisioningTransport.HTTPS ? "https" : "mqtts")) {
            throw new CliException("--target '" + value + "' is " + scheme + ", but --transport is "
                    + transport.name().toLowerCase(Locale.ROOT) + " (use " + (transport == ProvisioningTransport.HTTPS ? "https" : "mqtts")
                    + "://, or no scheme)");
        }
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
            throw new CliException("--target '" + value + "' must be just a host and optional port, like localhost:8883");
        }
        int port = uri.getPort() < 0 ? transport.defaultPort() : uri.getPort();
        return new TargetAddress(uri.getHost(), port);
    }

    /** True when every address the host resolves to is a loopback address. */
    public static boolean isLoopback(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            throw new CliException("cannot resolve '" + host + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
