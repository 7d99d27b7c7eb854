package dev.berth.app;

import dev.berth.hub.BerthHub;
import dev.berth.hub.registry.AzureIotHubRegistry;
import dev.berth.hub.registry.HubRegistries;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.BerthServer;
import dev.berth.server.BerthServerBuilder;
import dev.berth.server.hub.HubRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How {@code berth serve} links hubs: the embedded hub serves every linked hub (unless turned off), and each
 * Azure IoT hub given by connection string is linked too, its devices put there through its REST API.
 */
public final class HubWiring {
    static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    private static final Pattern RETENTION = Pattern.compile("(\\d{1,6})([dhms])");

    private final List<String> hostNames;
    private final List<String> linkedHubs;
    private final BerthHub embedded;
    private final HubRegistry registry;

    private HubWiring(List<String> hostNames, List<String> linkedHubs, BerthHub embedded, HubRegistry registry) {
        this.hostNames = hostNames;
        this.linkedHubs = linkedHubs;
        this.embedded = embedded;
        this.registry = registry;
    }

    /**
     * @param hubs                   the --hub names; none means the first host name with a dot, else 127.0.0.1
     *                               (unless Azure hubs are given, which are then the only linked hubs)
     * @param azureConnectionStrings the --hub-connection-string values
     */
    static HubWiring of(List<String> hostNames, List<String> hubs, boolean embeddedHub, List<String> azureConnectionStrings,
                        Duration retention) {
        List<HubRegistry> registries = new ArrayList<>();
        List<String> azureHubs = new ArrayList<>();
        for (String connectionString : azureConnectionStrings) {
            try {
                azureHubs.add(ServiceConnectionString.parse(connectionString).hostWithoutPort().toLowerCase(Locale.ROOT));
                registries.add(new AzureIotHubRegistry(connectionString));
            } catch (IllegalArgumentException e) {
                throw new CliException("bad --hub-connection-string: " + e.getMessage(), e);
            }
        }
        List<String> ownHubs = new ArrayList<>(hubs.isEmpty() && azureHubs.isEmpty() ? List.of(BerthServer.defaultHub(hostNames)) : hubs);
        ownHubs.removeIf(hub -> azureHubs.stream().anyMatch(hub::equalsIgnoreCase));
        List<String> linked = new ArrayList<>(ownHubs);
        linked.addAll(azureHubs);
        List<String> serverNames = new ArrayList<>(hostNames.isEmpty() ? List.of("localhost") : hostNames);
        BerthHub hub = null;
        if (embeddedHub && !ownHubs.isEmpty()) {
            hub = BerthHub.builder().hubHostNames(ownHubs).telemetryRetention(retention).build();
            registries.add(0, hub.hubRegistry());
            // the hub's names must be in the server certificate; localhost and 127.0.0.1 always are
            ownHubs.stream().filter(h -> !h.equals(BerthServer.LOOPBACK_HUB))
                    .filter(h -> serverNames.stream().noneMatch(h::equalsIgnoreCase)).forEach(serverNames::add);
        }
        HubRegistry registry = registries.isEmpty() ? HubRegistry.NONE : HubRegistries.of(registries);
        return new HubWiring(List.copyOf(serverNames), List.copyOf(linked), hub, registry);
    }

    /**
     * Only the embedded hub, named {@code hub}, for a server this process starts for itself (the demo, the bench);
     * each server needs a wiring of its own, as the hub is started by the server it is applied to.
     */
    public static HubWiring embeddedOnly(String hub) {
        return of(List.of(), List.of(hub), true, List.of(), DEFAULT_RETENTION);
    }

    /** {@code 7d}, {@code 12h}, {@code 90m} or {@code 3600s}; ISO-8601 ({@code P7D}, {@code PT12H}) works too. */
    static Duration parseRetention(String text) {
        String value = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher simple = RETENTION.matcher(value);
        Duration retention;
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            retention = switch (simple.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        } else {
            try {
                retention = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new CliException("--telemetry-retention must be a duration like 7d, 12h or 90m, got '" + text + "'");
            }
        }
        if (retention.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new CliException("--telemetry-retention must be at least 1 minute, got '" + text + "'");
        }
        return retention;
    }

    /** Host names, linked hubs, the hub extension and the registry, on a server builder. */
    public BerthServerBuilder applyTo(BerthServerBuilder builder) {
        builder.hostNames(hostNames).linkedHubs(linkedHubs).hubRegistry(registry);
        return embedded == null ? builder : builder.extension(embedded);
    }

    /** Each embedded hub name's {@code iothubowner} connection string; empty without the embedded hub. */
    public Map<String, String> connectionStrings(BerthServer started) {
        Map<String, String> connectionStrings = new LinkedHashMap<>();
        if (embedded != null) {
            embedded.hubHostNames().forEach(h -> connectionStrings.put(h, embedded.serviceConnectionString(h, started.httpsPort())));
        }
        return connectionStrings;
    }

    List<String> linkedHubs() {
        return linkedHubs;
    }

    List<String> hostNames() {
        return hostNames;
    }
}
