package dev.berth.app;

import dev.berth.protocol.service.ServiceConnectionString;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How an enrollment command reaches the service API. Anything not given is read from the data directory:
 * the connection string and CA from its store and PKI, the port from the endpoints.json that serve wrote.
 */
public final class ServiceOptions {

    @Mixin
    DataDirOption dataDir;

    @Mixin
    StoreOptions store;

    @Option(names = "--connection-string", paramLabel = "TEXT",
            description = "Service connection string (HostName=..;SharedAccessKeyName=..;SharedAccessKey=..). Default: the data directory's.")
    String connectionString;

    @Option(names = "--service-url", paramLabel = "URL",
            description = "Base URL of the service API. Default: https://localhost:<HTTPS port of berth serve on the data directory>.")
    URI serviceUrl;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM file of the CA to trust for HTTPS. Default: the data directory's CA.")
    Path caFile;

    public ServiceApiClient connect() {
        Path directory = dataDir.resolve();
        Endpoints endpoints = Endpoints.readOrDefaults(directory);
        String connection = connectionString;
        Path ca = caFile;
        if (connection == null || ca == null) {
            try (LocalServer local = LocalServer.open(directory, endpoints, store)) {
                connection = connection == null ? local.server().serviceConnectionString() : connection;
                ca = ca == null ? local.server().caCertificate() : ca;
            }
        }
        URI url = serviceUrl != null ? serviceUrl : endpoints.localServiceUrl();
        return client(parse(connection, "--connection-string"), url, ca, ServiceApiClient.API_VERSION);
    }

    /** A connection string, or an error naming where it came from; shared with the hub commands' options. */
    static ServiceConnectionString parse(String connection, String connectionOption) {
        try {
            return ServiceConnectionString.parse(connection);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad " + connectionOption + ": " + e.getMessage(), e);
        }
    }

    /** Checks what a service API client needs and makes it; shared with the hub commands' options. */
    static ServiceApiClient client(ServiceConnectionString parsed, URI url, Path ca, String apiVersion) {
        if (ca != null && !Files.isRegularFile(ca)) {
            throw new CliException("the CA file " + ca + " does not exist");
        }
        if (!"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new CliException("--service-url must be an https:// URL with a host, got " + url);
        }
        return new ServiceApiClient(url, parsed, ca, apiVersion);
    }

    /** What a suggested follow-up command needs to reach the same server: the --data-dir given, if one was. */
    public String sameServerArguments() {
        return dataDir.dataDir == null ? "" : " --data-dir " + dataDir.resolve();
    }
}
