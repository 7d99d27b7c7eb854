package dev.berth.hub.api;

import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.protocol.sas.PercentEncoding;
import io.vertx.core.http.HttpMethod;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A registry REST path resolved to one operation and its (percent-decoded) device ID. Only
 * {@code /devices}, {@code /devices/{id}} and {@code /twins/{id}} belong here; deeper paths (methods,
 * cloud-to-device) are the device sessions' routes.
 */
record HubRoute(Operation operation, String deviceId) {

    /** The paths this API owns on the shared router: case-insensitive, one optional ID segment, optional trailing slash. */
    static final String PATH_REGEX = "(?i)^/(devices|twins)(/[^/]+)?/?$";

    enum Operation { DEVICE_LIST, DEVICE_PUT, DEVICE_GET, DEVICE_DELETE, TWIN_GET, TWIN_PATCH, TWIN_PUT }

    static HubRoute parse(HttpMethod method, String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String[] segments = path.substring(1).split("/", -1);
        String resource = segments[0].toLowerCase(Locale.ROOT);
        String id = segments.length > 1 ? PercentEncoding.decode(segments[1]) : null;
        Map<HttpMethod, Operation> allowed = allowed(resource, id != null);
        if (allowed.isEmpty()) {
            throw new HubException(HubErrorCode.GENERIC_NOT_FOUND, "the hub API has no resource at " + rawPath
                    + "; it serves /devices, /devices/{id} and /twins/{id}");
        }
        Operation operation = allowed.get(method);
        if (operation == null) {
            throw new HubException(HubErrorCode.METHOD_NOT_ALLOWED, method.name() + " is not allowed on " + rawPath
                    + "; allowed: " + allowedMethods(rawPath));
        }
        return new HubRoute(operation, id);
    }

    static String allowedMethods(String rawPath) {
        String path = rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String[] segments = path.substring(1).split("/", -1);
        return allowed(segments[0].toLowerCase(Locale.ROOT), segments.length > 1).keySet().stream()
                .map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    }

    private static Map<HttpMethod, Operation> allowed(String resource, boolean hasId) {
        if (resource.equals("devices")) {
            return hasId ? Map.of(HttpMethod.PUT, Operation.DEVICE_PUT, HttpMethod.GET, Operation.DEVICE_GET,
                    HttpMethod.DELETE, Operation.DEVICE_DELETE) : Map.of(HttpMethod.GET, Operation.DEVICE_LIST);
        }
        if (resource.equals("twins") && hasId) {
            return Map.of(HttpMethod.GET, Operation.TWIN_GET, HttpMethod.PATCH, Operation.TWIN_PATCH, HttpMethod.PUT, Operation.TWIN_PUT);
        }
        return Map.of();
    }
}
