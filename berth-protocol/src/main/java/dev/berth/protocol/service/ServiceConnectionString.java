package dev.berth.protocol.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code HostName=…;SharedAccessKeyName=…;SharedAccessKey=…}, the connection string of a service policy.
 * The host name may carry a port ({@code localhost:8443}) for a private server.
 */
public record ServiceConnectionString(String hostName, String keyName, String key) {

    public static ServiceConnectionString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the connection string is empty");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.strip().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("the connection string part '" + part + "' has no name=value form");
            }
            parts.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        String host = parts.get("hostname");
        String name = parts.get("sharedaccesskeyname");
        String key = parts.get("sharedaccesskey");
        if (host == null || name == null || key == null) {
            throw new IllegalArgumentException("the connection string needs HostName, SharedAccessKeyName and SharedAccessKey");
        }
        return new ServiceConnectionString(host, name, key);
    }

    /**
     * The host name without its port, which names the hub or service ({@code localhost:8443} gives {@code localhost},
     * {@code [::1]:8443} gives {@code [::1]}). A bare IPv6 address (more than one colon, no brackets) has no port to drop.
     */
    public String hostWithoutPort() {
        if (hostName.startsWith("[")) {
            int close = hostName.indexOf(']');
            return close < 0 ? hostName : hostName.substring(0, close + 1);
        }
        int colon = hostName.indexOf(':');
        return colon >= 0 && colon == hostName.lastIndexOf(':') ? hostName.substring(0, colon) : hostName;
    }

    @Override
    public String toString() {
        return "HostName=" + hostName + ";SharedAccessKeyName=" + keyName + ";SharedAccessKey=" + key;
    }
}
