package dev.berth.protocol.hub;

import dev.berth.protocol.sas.PercentEncoding;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MQTT CONNECT username of an IoT Hub device session: {@code {hub}/{deviceId}/?api-version=…[&…]}
 * (modules: {@code {hub}/{deviceId}/{moduleId}/?…}). Unknown query parameters are kept and otherwise ignored.
 */
public record HubUsername(String hubHostName, String deviceId, String moduleId, Map<String, String> parameters) {

    public static final String DEFAULT_API_VERSION = "2021-04-12";

    public HubUsername {
        parameters = Map.copyOf(parameters);
    }

    /** True when the username has the hub shape ({@code host/device/?…}); provisioning usernames do not. */
    public static boolean looksLikeHub(String username) {
        return username != null && username.contains("/?") && !username.contains("/registrations/");
    }

    /** @throws IllegalArgumentException with a message fit to show the device owner */
    public static HubUsername parse(String username) {
        String expected = "expected '{hubHostName}/{deviceId}/?api-version=" + DEFAULT_API_VERSION + "'";
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("the MQTT username is missing; " + expected);
        }
        int query = username.indexOf("/?");
        if (query < 0) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' has no '/?api-version=…' part; " + expected);
        }
        String[] path = username.substring(0, query).split("/", -1);
        if (path.length < 2 || path.length > 3 || path[0].isEmpty() || path[1].isEmpty() || (path.length == 3 && path[2].isEmpty())) {
            throw new IllegalArgumentException("the MQTT username '" + username + "' is not '{hub}/{deviceId}/?…'; " + expected);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : username.substring(query + 2).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : PercentEncoding.decode(pair.substring(eq + 1)));
        }
        return new HubUsername(path[0], PercentEncoding.decode(path[1]), path.length == 3 ? PercentEncoding.decode(path[2]) : null, params);
    }

    public String apiVersion() {
        return parameters.get("api-version");
    }

    /**
     * True for the official Java device SDK (iot-device-client), which names itself in {@code DeviceClientType}; it
     * can lose a twin answer that arrives within about a millisecond, so the hub holds its answers briefly.
     */
    public boolean isOfficialJavaSdk() {
        return parameters.getOrDefault("DeviceClientType", "").startsWith("com.microsoft.azure.sdk.iot.iot-device-client");
    }

    /** The Plug and Play model ID the device announced, or null. */
    public String modelId() {
        return parameters.get("model-id");
    }

    /** The username this SDK sends. */
    public static String format(String hubHostName, String deviceId, String clientType) {
        return hubHostName + "/" + deviceId + "/?api-version=" + DEFAULT_API_VERSION
                + (clientType == null ? "" : "&DeviceClientType=" + PercentEncoding.encode(clientType));
    }

    /** The SAS resource a device signs: {@code {hub}/devices/{deviceId}} (modules add {@code /modules/{moduleId}}). */
    public String sasResource() {
        return resource(hubHostName, deviceId) + (moduleId == null ? "" : "/modules/" + moduleId);
    }

    public static String resource(String hubHostName, String deviceId) {
        return hubHostName + "/devices/" + deviceId;
    }
}
