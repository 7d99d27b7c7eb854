package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.allocation.LinkedHubs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resolves an enrollment's {@code allocationPolicy}, {@code iotHubs} and deprecated {@code iotHubHostName}
 * against the linked hubs. No hubs named means all linked hubs, written out so the stored enrollment says
 * exactly where its devices may go.
 */
final class HubSelection {
    static final String HASHED = "hashed";
    static final String STATIC = "static";
    static final String GEO_LATENCY = "geoLatency";
    static final String CUSTOM = "custom";

    /** The policy in DPS spelling and the hubs (in linked-hub spelling) it may choose from. */
    record Result(String allocationPolicy, List<String> iotHubs) {
    }

    private final LinkedHubs linkedHubs;

    HubSelection(LinkedHubs linkedHubs) {
        this.linkedHubs = linkedHubs;
    }

    Result resolve(String allocationPolicy, List<String> iotHubs, String iotHubHostName) {
        String policy = policy(allocationPolicy);
        List<String> named = new ArrayList<>();
        if (iotHubs != null) {
            named.addAll(iotHubs);
        }
        if (named.isEmpty() && iotHubHostName != null && !iotHubHostName.isBlank()) {
            named.add(iotHubHostName);
        }
        List<String> hubs = new ArrayList<>();
        for (String name : named) {
            String hub = linkedHubs.find(name).orElseThrow(() -> invalid("the IoT hub '" + name
                    + "' is not linked to this provisioning service; linked hubs: " + linkedHubs));
            if (!hubs.contains(hub)) {
                hubs.add(hub);
            }
        }
        if (hubs.isEmpty()) {
            hubs.addAll(linkedHubs.hostNames());
        }
        if (policy.equals(STATIC) && hubs.size() != 1) {
            throw invalid("allocationPolicy 'static' needs exactly one hub in iotHubs, but the enrollment resolves to "
                    + hubs.size() + " (" + String.join(", ", hubs) + "); name the one hub its devices must use");
        }
        return new Result(policy, List.copyOf(hubs));
    }

    private static String policy(String allocationPolicy) {
        if (allocationPolicy == null || allocationPolicy.isBlank()) {
            return HASHED;
        }
        return switch (allocationPolicy.strip().toLowerCase(Locale.ROOT)) {
            case "hashed" -> HASHED;
            case "static" -> STATIC;
            case "geolatency" -> GEO_LATENCY;
            case "custom" -> CUSTOM;
            default -> throw invalid("allocationPolicy '" + allocationPolicy
                    + "' is unknown; use hashed (the default), static, geoLatency or custom");
        };
    }

    private static ProvisioningException invalid(String message) {
        return new ProvisioningException(DpsErrorCode.INVALID_ENROLLMENT, message);
    }
}
