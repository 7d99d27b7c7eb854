package dev.berth.server.device.https;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.PercentEncoding;
import dev.berth.server.ProvisioningException;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * A parsed request path of the DPS device API over HTTPS (protocol.md §3.1):
 * {@code PUT /{idScope}/registrations/{regId}/register}, {@code GET …/{regId}/operations/{operationId}} and
 * {@code POST /{idScope}/registrations/{regId}} (status lookup). The literal segments match case-insensitively.
 */
public record DeviceApiRoute(Operation operation, String idScope, String registrationId, String operationId) {

    /**
     * Every path of the form {@code /{idScope}/registrations[/…]}, except those of the service API, whose first
     * segment is {@code enrollments}, {@code enrollmentGroups} or {@code registrations}.
     */
    public static final String PATH_REGEX = "(?i)^/(?!(enrollments|enrollmentgroups|registrations)(/|$))[^/]+/registrations(/.*)?$";

    public enum Operation {
        REGISTER(HttpMethod.PUT), OPERATION_STATUS(HttpMethod.GET), REGISTRATION_STATUS(HttpMethod.POST);

        private final HttpMethod method;

        Operation(HttpMethod method) {
            this.method = method;
        }

        public HttpMethod method() {
            return method;
        }
    }

    /** @throws ProvisioningException 404 for an unknown path, 405 for a known path with the wrong method */
    public static DeviceApiRoute parse(HttpMethod method, String rawPath) {
        String path = rawPath.endsWith("/") && rawPath.length() > 1 ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String[] s = path.substring(1).split("/", -1);
        boolean base = s.length >= 3 && s[1].equalsIgnoreCase("registrations") && !s[0].isEmpty() && !s[2].isEmpty();
        DeviceApiRoute route = null;
        if (base && s.length == 3) {
            route = new DeviceApiRoute(Operation.REGISTRATION_STATUS, decode(s[0]), decode(s[2]), null);
        } else if (base && s.length == 4 && s[3].equalsIgnoreCase("register")) {
            route = new DeviceApiRoute(Operation.REGISTER, decode(s[0]), decode(s[2]), null);
        } else if (base && s.length == 5 && s[3].equalsIgnoreCase("operations") && !s[4].isEmpty()) {
            route = new DeviceApiRoute(Operation.OPERATION_STATUS, decode(s[0]), decode(s[2]), decode(s[4]));
        }
        if (route == null) {
            throw new ProvisioningException(DpsErrorCode.NOT_FOUND, "the device API has no resource '" + shorten(rawPath)
                    + "'; use PUT /{idScope}/registrations/{registrationId}/register, GET /{idScope}/registrations/"
                    + "{registrationId}/operations/{operationId} or POST /{idScope}/registrations/{registrationId}");
        }
        if (!route.operation.method.equals(method)) {
            throw new ProvisioningException(DpsErrorCode.METHOD_NOT_ALLOWED, method.name() + " is not allowed on '"
                    + shorten(rawPath) + "'; use " + route.operation.method.name());
        }
        return route;
    }

    /** The value of an {@code Allow} header for a path, or null when the path is not one of the API's. */
    public static String allowedMethod(String rawPath) {
        for (HttpMethod method : List.of(HttpMethod.PUT, HttpMethod.GET, HttpMethod.POST)) {
            try {
                return parse(method, rawPath).operation.method.name();
            } catch (ProvisioningException e) {
                if (e.code() == DpsErrorCode.NOT_FOUND) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String decode(String segment) {
        return PercentEncoding.decode(segment);
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
