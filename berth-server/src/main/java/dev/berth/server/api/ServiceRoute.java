package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.sas.PercentEncoding;
import dev.berth.server.ProvisioningException;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A service API request path and method resolved to one operation and its (percent-decoded) ID. Paths match
 * case-insensitively because the Node service SDK writes {@code /enrollmentgroups/…} in lower case.
 */
public record ServiceRoute(Operation operation, String id) {

    /** The path prefixes this API owns, for mounting on a shared router. */
    public static final String PATH_REGEX = "(?i)^/(enrollments|enrollmentgroups|registrations|certificates)(/.*)?$";

    public enum Operation {
        ENROLLMENT_PUT, ENROLLMENT_GET, ENROLLMENT_DELETE, ENROLLMENT_ATTESTATION, ENROLLMENT_QUERY, ENROLLMENT_BULK,
        GROUP_PUT, GROUP_GET, GROUP_DELETE, GROUP_ATTESTATION, GROUP_QUERY, GROUP_BULK,
        REGISTRATION_GET, REGISTRATION_DELETE, REGISTRATION_QUERY,
        CERTIFICATE_PUT, CERTIFICATE_GET, CERTIFICATE_DELETE, CERTIFICATE_LIST, CERTIFICATE_VERIFICATION_CODE, CERTIFICATE_VERIFY
    }

    /**
     * @throws ProvisioningException 404 for a path this API does not have, 405 (message lists the allowed
     *                               methods) for a known path with another method
     */
    public static ServiceRoute parse(HttpMethod method, String rawPath) {
        List<String> segments = segments(rawPath);
        Map<HttpMethod, Operation> allowed = allowedAt(segments);
        if (allowed.isEmpty()) {
            throw new ProvisioningException(DpsErrorCode.NOT_FOUND, "the service API has no resource at " + rawPath
                    + "; it serves /enrollments/{id}, /enrollmentGroups/{id}, /registrations/{id}, their query paths and"
                    + " /certificates/{name}");
        }
        Operation operation = allowed.get(method);
        if (operation == null) {
            throw new ProvisioningException(DpsErrorCode.METHOD_NOT_ALLOWED, method.name() + " is not allowed on "
                    + rawPath + "; allowed: " + allowedMethods(allowed));
        }
        return new ServiceRoute(operation, segments.size() > 1 ? segments.get(1) : null);
    }

    /** The methods a path accepts, e.g. {@code GET, PUT, DELETE}, for the Allow header of a 405. */
    public static String allowedMethods(String rawPath) {
        return allowedMethods(allowedAt(segments(rawPath)));
    }

    private static String allowedMethods(Map<HttpMethod, Operation> allowed) {
        return allowed.keySet().stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
    }

    private static Map<HttpMethod, Operation> allowedAt(List<String> segments) {
        Map<HttpMethod, Operation> allowed = new LinkedHashMap<>();
        if (segments.isEmpty() || segments.stream().anyMatch(String::isEmpty)) {
            return allowed;
        }
        String resource = segments.get(0).toLowerCase(Locale.ROOT);
        boolean enrollments = resource.equals("enrollments");
        boolean groups = resource.equals("enrollmentgroups");
        int size = segments.size();
        if (enrollments || groups) {
            if (size == 1) {
                allowed.put(HttpMethod.POST, enrollments ? Operation.ENROLLMENT_BULK : Operation.GROUP_BULK);
            } else if (size == 2) {
                allowed.put(HttpMethod.PUT, enrollments ? Operation.ENROLLMENT_PUT : Operation.GROUP_PUT);
                allowed.put(HttpMethod.GET, enrollments ? Operation.ENROLLMENT_GET : Operation.GROUP_GET);
                allowed.put(HttpMethod.DELETE, enrollments ? Operation.ENROLLMENT_DELETE : Operation.GROUP_DELETE);
                if (segments.get(1).equalsIgnoreCase("query")) {
                    allowed.put(HttpMethod.POST, enrollments ? Operation.ENROLLMENT_QUERY : Operation.GROUP_QUERY);
                }
            } else if (size == 3 && segments.get(2).equalsIgnoreCase("attestationmechanism")) {
                allowed.put(HttpMethod.POST, enrollments ? Operation.ENROLLMENT_ATTESTATION : Operation.GROUP_ATTESTATION);
            }
        } else if (resource.equals("registrations")) {
            if (size == 2) {
                allowed.put(HttpMethod.GET, Operation.REGISTRATION_GET);
                allowed.put(HttpMethod.DELETE, Operation.REGISTRATION_DELETE);
            } else if (size == 3 && segments.get(2).equalsIgnoreCase("query")) {
                allowed.put(HttpMethod.POST, Operation.REGISTRATION_QUERY);
            }
        } else if (resource.equals("certificates")) {
            certificateOperations(segments, allowed);
        }
        return allowed;
    }

    private static void certificateOperations(List<String> segments, Map<HttpMethod, Operation> allowed) {
        int size = segments.size();
        if (size == 1) {
            allowed.put(HttpMethod.GET, Operation.CERTIFICATE_LIST);
        } else if (size == 2) {
            allowed.put(HttpMethod.PUT, Operation.CERTIFICATE_PUT);
            allowed.put(HttpMethod.GET, Operation.CERTIFICATE_GET);
            allowed.put(HttpMethod.DELETE, Operation.CERTIFICATE_DELETE);
        } else if (size == 3 && segments.get(2).equalsIgnoreCase("generateVerificationCode")) {
            allowed.put(HttpMethod.POST, Operation.CERTIFICATE_VERIFICATION_CODE);
        } else if (size == 3 && segments.get(2).equalsIgnoreCase("verify")) {
            allowed.put(HttpMethod.POST, Operation.CERTIFICATE_VERIFY);
        }
    }

    /** Splits off the leading slash and one trailing slash, then percent-decodes each segment. */
    private static List<String> segments(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        List<String> segments = new ArrayList<>();
        if (path.isEmpty()) {
            return segments;
        }
        for (String segment : path.split("/", -1)) {
            segments.add(PercentEncoding.decode(segment));
        }
        return segments;
    }
}
