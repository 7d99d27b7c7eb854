package dev.berth.app;

import dev.berth.protocol.service.ServiceConnectionString;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How the hub commands reach a hub's REST API: by default the embedded hub of the data directory (its
 * {@code iothubowner} key from the store, the port and hub name from the endpoints.json serve wrote, its CA);
 * with {@code --connection-string} any IoT hub, Azure's included.
 */
public final class HubOptions {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    StoreOptions store;

    @Option(names = "--connection-string", paramLabel = "TEXT",
            description = {"Hub connection string (HostName=..;SharedAccessKeyName=iothubowner;SharedAccessKey=..), e.g. of an"
                    + " Azure IoT hub. Default: the embedded hub of the data directory."})
    String connectionString;

    @Option(names = "--service-url", paramLabel = "URL",
            description = {"Base URL of the hub's REST API. Default: https://localhost:<HTTPS port of berth serve> for the embedded"
                    + " hub, else https://<HostName of --connection-string>."})
    URI serviceUrl;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "PEM file of the CA to trust for HTTPS. Default: the data directory's CA; with --connection-string, the JDK's CAs.")
    Path caFile;

    public ServiceApiClient connect() {
        if (connectionString != null) {
            ServiceConnectionString parsed = ServiceOptions.parse(connectionString, "--connection-string");
            // the HostName as given, port included: a private hub's connection string names where its API listens
            URI url = serviceUrl != null ? serviceUrl : URI.create("https://" + parsed.hostName());
            return ServiceOptions.client(parsed, url, caFile, ServiceApiClient.HUB_API_VERSION);
        }
        Path directory = dataDir.resolve();
        Endpoints endpoints = Endpoints.readOrDefaults(directory);
        String connection;
        Path ca;
        try (LocalServer local = LocalServer.open(directory, endpoints, store)) {
            Map<String, String> hubs = local.hubConnectionStrings(endpoints);
            if (hubs.isEmpty()) {
                throw new CliException("the server of " + directory + " runs no embedded hub (berth serve --no-hub or only"
                        + " --hub-connection-string); give the hub's --connection-string");
            }
            connection = hubs.values().iterator().next();
            ca = caFile != null ? caFile : local.server().caCertificate();
        }
        URI url = serviceUrl != null ? serviceUrl : endpoints.localServiceUrl();
        return ServiceOptions.client(ServiceOptions.parse(connection, "hub connection string"), url, ca,
                ServiceApiClient.HUB_API_VERSION);
    }
}
