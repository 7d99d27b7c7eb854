package dev.berth.server.device.https;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import java.util.List;

/**
 * The {@code api-version} values devices send (protocol.md §3.1): 2019-03-31 by the Java, Node, C# and
 * embedded SDKs, 2021-06-01 by the C SDK, and the later stable and preview versions. The device API's shape is
 * the same in all of them, so the version is checked but does not change the answer. A request without one
 * (a hand-written curl call) is served as the SDKs' 2019-03-31.
 */
final class DeviceApiVersions {
    static final List<String> SUPPORTED = List.of("2019-03-31", "2021-06-01", "2021-10-01", "2025-07-01-preview", "2026-04-01");

    private DeviceApiVersions() {
    }

    static void require(String apiVersion) {
        if (apiVersion == null || SUPPORTED.contains(apiVersion.strip())) {
            return;
        }
        String shown = apiVersion.length() > 40 ? apiVersion.substring(0, 40) + "…" : apiVersion;
        throw new ProvisioningException(DpsErrorCode.INVALID_API_VERSION, "the api-version '" + shown
                + "' is not supported by the device API; use one of " + String.join(", ", SUPPORTED));
    }
}
