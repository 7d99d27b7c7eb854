package dev.berth.hub.registry;

import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import java.util.List;

/** One {@link HubRegistry} over several: the first that manages a hub provisions devices into it. */
public final class HubRegistries implements HubRegistry {
    private final List<HubRegistry> registries;

    private HubRegistries(List<HubRegistry> registries) {
        this.registries = List.copyOf(registries);
    }

    /** E.g. {@code HubRegistries.of(berthHub.hubRegistry(), new AzureIotHubRegistry(connectionString))}. */
    public static HubRegistry of(HubRegistry... registries) {
        return of(List.of(registries));
    }

    public static HubRegistry of(List<HubRegistry> registries) {
        return registries.size() == 1 ? registries.get(0) : new HubRegistries(registries);
    }

    @Override
    public boolean manages(String hubHostName) {
        return registries.stream().anyMatch(r -> r.manages(hubHostName));
    }

    @Override
    public void provision(HubDeviceProvisioning request) {
        registries.stream().filter(r -> r.manages(request.hubHostName())).findFirst()
                .orElse(HubRegistry.NONE)
                .provision(request);
    }
}
