package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import java.util.List;

/**
 * The {@code api-version} values the service API answers. They all share the 2021-10-01 schema as far as
 * Berth implements it, so the version is checked but does not change the answer.
 */
public final class ApiVersions {
    public static final String DEFAULT = "2021-10-01";
    public static final List<String> SUPPORTED = List.of(
            "2018-09-01-preview", "2019-03-31", "2021-06-01", "2021-10-01", "2025-07-01-preview", "2026-04-01");

    private ApiVersions() {
    }

    /** @return the version asked for, or {@link #DEFAULT} when the query has none */
    public static String require(String apiVersion) {
        if (apiVersion == null) {
            return DEFAULT;
        }
        String version = apiVersion.strip();
        if (SUPPORTED.contains(version)) {
            return version;
        }
        String shown = version.length() > 40 ? version.substring(0, 40) + "…" : version;
        throw new ProvisioningException(DpsErrorCode.INVALID_API_VERSION,
                "the api-version '" + shown + "' is not supported; use one of " + String.join(", ", SUPPORTED));
    }
}
