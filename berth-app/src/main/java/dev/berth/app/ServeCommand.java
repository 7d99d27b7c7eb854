package dev.berth.app;

import dev.berth.server.BerthServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code berth serve}: runs the provisioning service until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Run the provisioning service (MQTT/TLS for devices, HTTPS for the service API) until stopped.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DataDirOption dataDir;

    @Mixin
    StoreOptions store;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "A name devices use to reach this server (repeatable); goes into the server certificate. Default: localhost.")
    List<String> hostNames = new ArrayList<>();

    @Option(names = "--hub", paramLabel = "NAME",
            description = {"A linked IoT hub host name devices may be assigned to (repeatable; with a dot, no port). The embedded hub"
                    + " serves it on the same ports. Default: the first --hostname with a dot, else 127.0.0.1."})
    List<String> hubs = new ArrayList<>();

    @Option(names = "--no-hub", description = "Do not run the embedded hub: provisioning only, assignments just name the hubs.")
    boolean noHub;

    @Option(names = "--hub-connection-string", paramLabel = "CS",
            description = {"Link a real Azure IoT hub by its service connection string (repeatable; registry write rights, e.g."
                    + " iothubowner). Its devices are created there through its REST API; the embedded hub does not serve it."})
    List<String> azureHubs = new ArrayList<>();

    @Option(names = "--telemetry-retention", paramLabel = "DURATION", defaultValue = "7d",
            description = "How long the embedded hub keeps telemetry (e.g. 7d, 12h, 90m). Default: ${DEFAULT-VALUE}.")
    String telemetryRetention;

    @Option(names = "--mqtt-port", paramLabel = "N", defaultValue = "8883",
            description = "MQTT/TLS port for devices (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int mqttPort;

    @Option(names = "--https-port", paramLabel = "N", defaultValue = "443",
            description = "HTTPS port for the service API and /metrics (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int httpsPort;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (all IPv4 addresses).")
    String bindHost;

    @Option(names = "--retry-after", paramLabel = "S", defaultValue = "2",
            description = "Seconds devices wait before polling for their assignment (1-60). Default: ${DEFAULT-VALUE}.")
    int retryAfterSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path directory = dataDir.resolve();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BerthServer server;
        HubWiring hubWiring;
        try {
            hubWiring = HubWiring.of(hostNames, hubs, !noHub, azureHubs, HubWiring.parseRetention(telemetryRetention));
            server = hubWiring.applyTo(BerthServer.builder()).dataDirectory(directory)
                    .bindHost(bindHost).mqttPort(mqttPort).httpsPort(httpsPort).retryAfterSeconds(retryAfterSeconds)
                    .meterRegistry(metrics).metricsScrape(metrics::scrape).store(store.openStore())
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(CliException.reason(e), e);
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new CliException(CliException.reason(e), e);
        }
        Map<String, String> hubConnectionStrings = hubWiring.connectionStrings(server);
        Endpoints endpoints = Endpoints.of(server, bindHost, hubConnectionStrings);
        endpoints.write(directory);
        printBanner(out, server, endpoints.localHost(), directory, hubConnectionStrings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "berth-shutdown"));
        stopped.await();
        return 0;
    }

    private void printBanner(PrintWriter out, BerthServer server, String localHost, Path directory, Map<String, String> hubConnectionStrings) {
        out.println("Berth " + BerthVersion.version() + " is running. Stop it with Ctrl-C.");
        out.println("  ID scope:            " + server.idScope());
        out.println("  devices (MQTT/TLS):  " + localHost + ":" + server.mqttPort());
        out.println("  service API (HTTPS): https://" + localHost + ":" + server.httpsPort()
                + "  (metrics at /metrics)");
        out.println("  devices trust CA:    " + server.caCertificate());
        out.println("  hubs:                " + String.join(", ", server.linkedHubs())
                + (hubConnectionStrings.isEmpty() ? "  (no embedded hub)" : "  (embedded: " + String.join(", ", hubConnectionStrings.keySet()) + ")"));
        out.println("  store:               " + server.storeDialect() + (store.usesPostgres() ? "" : " in " + directory));
        out.println("  service connection string:");
        out.println("    " + server.serviceConnectionString());
        hubConnectionStrings.forEach((hub, connectionString) -> {
            out.println("  hub " + hub + " connection string (devices: MQTT/TLS port " + server.mqttPort() + "):");
            out.println("    " + connectionString);
        });
        out.flush();
    }
}
