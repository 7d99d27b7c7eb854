package dev.berth.protocol.dps;

import dev.berth.protocol.sas.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MQTT CONNECT username of a provisioning session:
 * {@code {idScope}/registrations/{registrationId}/api-version={v}[&ClientVersion=…|&DeviceClientType=…]}.
 * Unknown {@code &key=value} suffixes are kept in {@code parameters} and otherwise ignored.
 */
public record DpsUsername(String idScope, String registrationId, String apiVersion, Map<String, String> parameters) {

    public static final String DEFAULT_API_VERSION = "2019-03-31";
    private static final String MARKER = "/registrations/";

    public DpsUsername {
        parameters = Map.copyOf(parameters);
    }

    /** True when the username has the provisioning shape (as opposed to an IoT Hub username). */
    public static boolean looksLikeProvisioning(String username) {
        return username != null && username.contains(MARKER);
    }

    /** @throws IllegalArgumentException with a message fit to show the device owner */
    public static DpsUsername parse(String username) {
        String expected = "expected '{idScope}/registrations/{registrationId}/api-version=2019-03-31'";
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("the MQTT username is missing; " + expected);
        }
        int marker = username.indexOf(MARKER);
        if (marker <= 0) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' is not a provisioning username; " + expected);
        }
        String idScope = username.substring(0, marker);
        String rest = username.substring(marker + MARKER.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' has no registration ID or no api-version; " + expected);
        }
        String registrationId = rest.substring(0, slash);
        String query = rest.substring(slash + 1);
        if (query.startsWith("?")) {
            query = query.substring(1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : PercentEncoding.decode(pair.substring(eq + 1));
            params.putIfAbsent(key, value);
        }
        String apiVersion = params.remove("api-version");
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' has no api-version; " + expected);
        }
        if (idScope.contains("/") || registrationId.isEmpty()) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' is malformed; " + expected);
        }
        return new DpsUsername(idScope, registrationId, apiVersion, params);
    }

    /** The username this SDK sends: the documented form with a ClientVersion. */
    public static String format(String idScope, String registrationId, String clientVersion) {
        return idScope + MARKER + registrationId + "/api-version=" + DEFAULT_API_VERSION
                + (clientVersion == null ? "" : "&ClientVersion=" + PercentEncoding.encode(clientVersion));
    }

    /**
     * True for the official Java provisioning SDK, which repeats the api-version as ClientVersion; it
     * loses answers that arrive within about a millisecond, so the server delays answers to it.
     */
    public boolean isOfficialJavaSdk() {
        return apiVersion.equals(parameters.get("ClientVersion"));
    }

    /** The SAS resource a device signs for this registration: {@code {idScope}/registrations/{registrationId}}. */
    public String sasResource() {
        return DpsResource.of(idScope, registrationId);
    }
}
