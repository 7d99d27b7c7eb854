package dev.berth.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.berth.server.BerthServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code {dataDir}/endpoints.json}: where the last {@code berth serve} on this data directory listened, so
 * that {@code info} and the enrollment commands can find it without being told the ports again.
 *
 * @param store                {@code sqlite} or {@code postgresql}; the other commands must open the same store
 * @param hubConnectionStrings the {@code iothubowner} connection string of each hub the embedded hub serves (empty with
 *                             {@code --no-hub}); null in a file written before Berth had a hub
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Endpoints(List<String> hostNames, List<String> hubs, String bindHost, int mqttPort, int httpsPort, String store,
                        Map<String, String> hubConnectionStrings) {
    static final String FILE_NAME = "endpoints.json";

    public Endpoints {
        hostNames = hostNames == null ? List.of() : List.copyOf(hostNames);
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
        hubConnectionStrings = hubConnectionStrings == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(hubConnectionStrings));
    }

    /** Without hub information: every linked hub counts as embedded, as {@code berth serve} does by default. */
    public Endpoints(List<String> hostNames, List<String> hubs, String bindHost, int mqttPort, int httpsPort, String store) {
        this(hostNames, hubs, bindHost, mqttPort, httpsPort, store, null);
    }

    /** What a server that has never been started on this data directory would use. */
    static Endpoints defaults() {
        return new Endpoints(List.of(), List.of(), "0.0.0.0", BerthServer.DEFAULT_MQTT_PORT, BerthServer.DEFAULT_HTTPS_PORT, null);
    }

    static Endpoints of(BerthServer server, String bindHost) {
        return of(server, bindHost, null);
    }

    static Endpoints of(BerthServer server, String bindHost, Map<String, String> hubConnectionStrings) {
        return new Endpoints(server.hostNames(), server.linkedHubs(), bindHost, server.mqttPort(), server.httpsPort(),
                server.storeDialect(), hubConnectionStrings);
    }

    /** The linked hubs the embedded hub serves: those serve recorded, else (no record) all of them. */
    List<String> embeddedHubs(List<String> linkedHubs) {
        return hubConnectionStrings == null ? linkedHubs : List.copyOf(hubConnectionStrings.keySet());
    }

    /** The endpoints serve recorded in the data directory, else those a first {@code berth serve} would use. */
    static Endpoints readOrDefaults(Path dataDirectory) {
        return read(dataDirectory).orElseGet(Endpoints::defaults);
    }

    private static Optional<Endpoints> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(AppJson.MAPPER.readValue(file.toFile(), Endpoints.class));
        } catch (IOException e) {
            throw new CliException("cannot read " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); delete it and run berth serve again");
        }
    }

    /** Written to a temporary file and moved into place, so a reader never sees half a file. */
    void write(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        Path partial = dataDirectory.resolve(FILE_NAME + ".partial");
        Files.writeString(partial, AppJson.pretty(this) + System.lineSeparator());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    boolean isPostgres() {
        return store != null && store.toLowerCase(java.util.Locale.ROOT).startsWith("postgres");
    }

    /** The address a local client dials: the bound address, or localhost when the server listens on all of them. */
    String localHost() {
        boolean wildcard = bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::") || bindHost.equals("[::]");
        return wildcard ? "localhost" : bindHost;
    }

    /** The base URL a local client calls the service API (and the embedded hub's REST API) at. */
    URI localServiceUrl() {
        return URI.create("https://" + localHost() + ":" + httpsPort);
    }
}
