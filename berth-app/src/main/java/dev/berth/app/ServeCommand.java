package dev.berth.app;

import dev.berth.server.BerthServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            description = "A linked IoT hub host name devices may be assigned to (repeatable; with a dot, no port).")
    List<String> hubs = new ArrayList<>();

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
        try {
            server = BerthServer.builder().dataDirectory(directory).hostNames(hostNames).linkedHubs(hubs)
                    .bindHost(bindHost).mqttPort(mqttPort).httpsPort(httpsPort).retryAfterSeconds(retryAfterSeconds)
                    .meterRegistry(metrics).metricsScrape(metrics::scrape).store(store.openStore())
                    .build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage(), e);
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new CliException(e.getMessage(), e);
        }
        Endpoints.of(server, bindHost).write(directory);
        printBanner(out, server, directory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "berth-shutdown"));
        stopped.await();
        return 0;
    }

    private void printBanner(PrintWriter out, BerthServer server, Path directory) {
        out.println("Berth " + BerthVersion.version() + " is running. Stop it with Ctrl-C.");
        out.println("  ID scope:            " + server.idScope());
        out.println("  devices (MQTT/TLS):  " + Endpoints.of(server, bindHost).localHost() + ":" + server.mqttPort());
        out.println("  service API (HTTPS): https://" + Endpoints.of(server, bindHost).localHost() + ":" + server.httpsPort()
                + "  (metrics at /metrics)");
        out.println("  devices trust CA:    " + server.caCertificate());
        out.println("  hubs:                " + String.join(", ", server.linkedHubs()));
        out.println("  store:               " + server.storeDialect() + (store.usesPostgres() ? "" : " in " + directory));
        out.println("  service connection string:");
        out.println("    " + server.serviceConnectionString());
        out.flush();
    }
}
