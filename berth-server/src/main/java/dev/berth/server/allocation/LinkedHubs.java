package dev.berth.server.allocation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The IoT hubs this provisioning service may assign devices to: host names in lower case, each with a dot
 * and no port, because devices and SDKs put {@code assignedHub} straight into a TLS host name.
 */
public record LinkedHubs(List<String> hostNames) {

    public LinkedHubs {
        if (hostNames == null || hostNames.isEmpty()) {
            throw new IllegalArgumentException("at least one linked IoT hub host name is needed");
        }
        List<String> normalised = new ArrayList<>();
        for (String name : hostNames) {
            String host = validHostName(name);
            if (!normalised.contains(host)) {
                normalised.add(host);
            }
        }
        hostNames = List.copyOf(normalised);
    }

    public static LinkedHubs of(String... hostNames) {
        return new LinkedHubs(List.of(hostNames));
    }

    public static LinkedHubs of(Collection<String> hostNames) {
        return new LinkedHubs(hostNames == null ? List.of() : new ArrayList<>(hostNames));
    }

    /** The linked hub with this name, compared case-insensitively, in its configured spelling. */
    public Optional<String> find(String hostName) {
        if (hostName == null) {
            return Optional.empty();
        }
        String wanted = hostName.strip().toLowerCase(Locale.ROOT);
        return hostNames.stream().filter(wanted::equals).findFirst();
    }

    @Override
    public String toString() {
        return String.join(", ", hostNames);
    }

    private static String validHostName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a linked IoT hub host name is empty");
        }
        String host = name.strip().toLowerCase(Locale.ROOT);
        if (host.contains(":")) {
            throw new IllegalArgumentException("the linked IoT hub '" + name + "' has a port or scheme;"
                    + " give the bare host name, e.g. myhub.example.com (devices always use the standard hub ports)");
        }
        if (!host.contains(".") || host.startsWith(".") || host.endsWith(".")) {
            throw new IllegalArgumentException("the linked IoT hub '" + name + "' is not a full host name;"
                    + " it needs a dot, e.g. myhub.example.com or hub.localhost.localdomain");
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-')) {
                throw new IllegalArgumentException("the linked IoT hub '" + name + "' contains '" + c
                        + "'; a host name has only letters, digits, dots and dashes");
            }
        }
        return host;
    }
}
