package dev.berth.app.bench;

import dev.berth.app.AppJson;
import dev.berth.app.CliException;
import dev.berth.app.ServiceApiClient;
import dev.berth.device.provisioning.ProvisioningTransport;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.ServiceConnectionString;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth bench}: options and where the load goes; {@link BenchRun} does the measuring. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = dev.berth.app.BerthVersion.class,
        subcommands = dev.berth.app.bench.methods.MethodsBenchCommand.class,
        description = {"Load generator: provisions many devices through the real network path and reports throughput, latency"
                + " percentiles and server memory/CPU, optionally next to a logic-free MQTT/TLS baseline measured in the same run.",
                "Without --target it starts Berth in this process on free loopback ports (temporary SQLite data directory)."
                        + " Only loopback targets are allowed unless --i-own-this-target is given. See docs/bench.md."})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "500", description = "Devices to register (1-100000). Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "50", description = "Registrations in flight at most (1-5000). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--transport", paramLabel = "mqtt|https", defaultValue = "mqtt", description = "Device transport. Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(names = "--attestation", paramLabel = "key|x509", defaultValue = "key",
            description = "Symmetric keys derived from a group key, or device certificates from a generated CA. Default: ${DEFAULT-VALUE}.")
    String attestation;

    @Option(names = "--baseline", description = "Also measure a logic-free MQTT/TLS echo server with the same client, TLS and concurrency (MQTT only).")
    boolean baseline;

    @Option(names = "--duration-limit", paramLabel = "DURATION", defaultValue = "120s",
            description = "Stop starting devices after this long (per run) and report partial numbers: 120s, 2m, 90. Default: ${DEFAULT-VALUE}.")
    String durationLimit;

    @Option(names = "--retry-after", paramLabel = "SECONDS", defaultValue = "1",
            description = "retry-after of the in-process server (1-60). Default: ${DEFAULT-VALUE}.")
    int retryAfter;

    @Option(names = "--warmup", paramLabel = "N", description = "Devices registered (not measured) before each run, so both runs"
            + " start with a warm JVM (0-10000). Default: the concurrency.")
    Integer warmup;

    @Option(names = "--json", description = "Print the report as JSON on stdout (progress stays on stderr).")
    boolean json;

    @Option(names = "--target", paramLabel = "HOST:PORT|URL", description = "Load a running Berth instead: its device endpoint.")
    String target;

    @Option(names = "--id-scope", paramLabel = "SCOPE", description = "With --target: the ID scope.")
    String idScope;

    @Option(names = "--connection-string", paramLabel = "CS", description = "With --target: the service connection string (creates the bench's group).")
    String connectionString;

    @Option(names = "--ca", paramLabel = "FILE", description = "With --target: PEM of the CA the server's certificate chains to.")
    Path ca;

    @Option(names = "--i-own-this-target", description = "Allow a --target that is not a loopback address (only for machines you own).")
    boolean ownsTarget;

    @Override
    public Integer call() throws Exception {
        ProvisioningTransport deviceTransport = transport();
        BenchEnrollment.Attestation mechanism = attestation();
        Duration limit = BenchDurations.parse(durationLimit, "--duration-limit");
        check(devices >= 1 && devices <= 100_000, "--devices must be 1 to 100000, got " + devices);
        check(concurrency >= 1 && concurrency <= 5_000, "--concurrency must be 1 to 5000, got " + concurrency);
        int warmupDevices = warmup == null ? concurrency : warmup;
        check(warmupDevices >= 0 && warmupDevices <= 10_000, "--warmup must be 0 to 10000, got " + warmupDevices);
        check(retryAfter >= 1 && retryAfter <= 60, "--retry-after must be 1 to 60 seconds, got " + retryAfter);
        check(!baseline || deviceTransport == ProvisioningTransport.MQTT,
                "--baseline measures MQTT/TLS; it cannot be compared with --transport https");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        var settings = new BenchReport.Settings(devices, concurrency, transport.toLowerCase(Locale.ROOT),
                attestation.toLowerCase(Locale.ROOT), null, target == null ? retryAfter : null, limit.toMillis() / 1000.0, warmupDevices);
        BenchReport report;
        if (target == null) {
            check(idScope == null && connectionString == null && ca == null, "--id-scope, --connection-string and --ca go with --target");
            try (InProcessBerth server = new InProcessBerth(retryAfter)) {
                BenchTarget berth = server.target(deviceTransport);
                report = new BenchRun(settings, berth, mechanism, limit, err).run(server, baseline ? BaselineTls.of(server) : null);
            }
        } else {
            BenchTarget berth = remoteTarget(deviceTransport, err);
            report = new BenchRun(settings, berth, mechanism, limit, err).run(null, baseline ? BaselineTls.generated() : null);
        }
        if (json) {
            out.println(AppJson.pretty(report));
            out.flush();
        } else {
            ReportText.print(report, out);
        }
        return report.berth().failed() == 0 && (report.baseline() == null || report.baseline().run().failed() == 0) ? 0 : 1;
    }

    private BenchTarget remoteTarget(ProvisioningTransport deviceTransport, PrintWriter err) {
        check(idScope != null && connectionString != null && ca != null, "--target needs --id-scope, --connection-string and --ca");
        check(Files.isReadable(ca), "cannot read the CA file " + ca);
        TargetAddress device = TargetAddress.parse(target, deviceTransport);
        ServiceConnectionString service;
        try {
            service = ServiceConnectionString.parse(connectionString);
        } catch (IllegalArgumentException e) {
            throw new CliException("--connection-string is not a service connection string: " + e.getMessage());
        }
        TargetAddress api = TargetAddress.parse(service.hostName(), ProvisioningTransport.HTTPS);
        for (TargetAddress address : new TargetAddress[] {device, api}) {
            if (!TargetAddress.isLoopback(address.host())) {
                check(ownsTarget, address + " is not a loopback address; berth bench only loads this machine unless"
                        + " --i-own-this-target says the target is yours");
                err.println("warning: loading " + address + ", which is not this machine; make sure you own it");
            }
        }
        var client = new ServiceApiClient(URI.create("https://" + api), service, ca);
        return new BenchTarget(device.host(), device.port(), deviceTransport, idScope, TrustedCa.fromPemFile(ca), client,
                "Berth at " + device);
    }

    private ProvisioningTransport transport() {
        return switch (transport.toLowerCase(Locale.ROOT)) {
            case "mqtt" -> ProvisioningTransport.MQTT;
            case "https" -> ProvisioningTransport.HTTPS;
            default -> throw new CliException("--transport must be mqtt or https, got '" + transport + "'");
        };
    }

    private BenchEnrollment.Attestation attestation() {
        return switch (attestation.toLowerCase(Locale.ROOT)) {
            case "key" -> BenchEnrollment.Attestation.KEY;
            case "x509" -> BenchEnrollment.Attestation.X509;
            default -> throw new CliException("--attestation must be key or x509, got '" + attestation + "'");
        };
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new CliException(message);
        }
    }
}
