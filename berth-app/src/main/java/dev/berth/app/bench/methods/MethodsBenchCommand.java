package dev.berth.app.bench.methods;

import dev.berth.app.AppJson;
import dev.berth.app.BerthVersion;
import dev.berth.app.CliException;
import dev.berth.app.ServiceApiClient;
import dev.berth.app.bench.BenchDurations;
import dev.berth.app.bench.BenchReport;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.ServiceConnectionString;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code berth bench methods}: direct-method calls through the hub's REST API, on one node and, with PostgreSQL, across two. */
@Command(name = "methods", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Measures direct methods (POST /twins/{id}/methods) through the embedded hub, started in this process on free"
                + " loopback ports: devices connected with the Berth SDK answer at once; calls go through the service REST API"
                + " (java.net.http) and the report gives calls/s and latency p50/p90/p99/max per path.",
                "Always: one node on SQLite. With --postgres-url: two nodes on that database (in a schema created for the run and"
                        + " dropped afterwards), devices on node B, calls to node B (local path) and to node A (cross-node path, through"
                        + " hub_method_calls and LISTEN/NOTIFY), side by side. Warm-up calls are not measured. See docs/bench.md."})
public final class MethodsBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "20", description = "Devices connected (1-1000). Default: ${DEFAULT-VALUE}.")
    int devices;

    @Option(names = "--calls", paramLabel = "M", defaultValue = "2000", description = "Measured calls per path (1-1000000). Default: ${DEFAULT-VALUE}.")
    int calls;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "10", description = "Calls in flight at most (1-1000). Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "200",
            description = "Unmeasured calls before each path's measured ones (0-100000). Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--duration-limit", paramLabel = "DURATION", defaultValue = "120s",
            description = "Stop starting calls after this long (per path) and report partial numbers: 120s, 2m, 90. Default: ${DEFAULT-VALUE}.")
    String durationLimit;

    @Option(names = "--postgres-url", paramLabel = "URL",
            description = "PostgreSQL JDBC URL (jdbc:postgresql://127.0.0.1:5432/berth) for the two-node runs; the user needs CREATE on it.")
    String postgresUrl;

    @Option(names = "--postgres-user", paramLabel = "USER", description = "PostgreSQL user.")
    String postgresUser;

    @Option(names = "--postgres-password", paramLabel = "PASSWORD", description = "PostgreSQL password.")
    String postgresPassword;

    @Option(names = "--json", description = "Print the report as JSON on stdout (progress stays on stderr).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        check(devices >= 1 && devices <= 1_000, "--devices must be 1 to 1000, got " + devices);
        check(calls >= 1 && calls <= 1_000_000, "--calls must be 1 to 1000000, got " + calls);
        check(concurrency >= 1 && concurrency <= 1_000, "--concurrency must be 1 to 1000, got " + concurrency);
        check(warmup >= 0 && warmup <= 100_000, "--warmup must be 0 to 100000, got " + warmup);
        Duration limit = BenchDurations.parse(durationLimit, "--duration-limit");
        HubNodes.Postgres postgres = PostgresOption.parse(postgresUrl, postgresUser, postgresPassword);
        var settings = new MethodsReport.Settings(devices, calls, concurrency, warmup, limit.toMillis() / 1000.0,
                HubServiceClient.RESPONSE_TIMEOUT_SECONDS, HubNodes.HUB);
        PrintWriter err = spec.commandLine().getErr();
        MethodsRun run = new MethodsRun(settings, limit, err);
        List<MethodsReport.PathRun> runs = new ArrayList<>();
        runs.add(singleNode(run, err));
        MethodsReport.Comparison crossNode = null;
        if (postgres != null) {
            runs.addAll(twoNodes(run, postgres, err));
            crossNode = MethodsReport.Comparison.of(runs.get(1).calls(), runs.get(2).calls());
        }
        MethodsReport report = new MethodsReport(BenchReport.Environment.current(), settings, runs, crossNode);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(AppJson.pretty(report));
            out.flush();
        } else {
            MethodsReportText.print(report, out);
        }
        return report.allAnswered() ? 0 : 1;
    }

    private MethodsReport.PathRun singleNode(MethodsRun run, PrintWriter err) throws Exception {
        try (HubNodes nodes = HubNodes.onSqlite()) {
            HubNodes.Node node = nodes.start();
            TrustedCa ca = TrustedCa.fromPemFile(node.server().caCertificate());
            HubServiceClient api = methodCalls(node, HubServiceClient.httpClient(ca));
            progress(err, "One hub node on " + nodes.storeDescription() + "; connecting " + devices + " devices...");
            try (MethodDevices connected = MethodDevices.connect(registry(node), devices, "bench-sqlite", node.server().mqttPort(), ca)) {
                run.warmUp(MethodsReport.SQLITE, api, connected);
                return run.measure(MethodsReport.SQLITE, "one node on SQLite: calls and devices on the same node", api, connected);
            }
        }
    }

    /** Devices on B; calls to B (local) and to A (cross-node). Both paths are warmed up before either is measured. */
    private List<MethodsReport.PathRun> twoNodes(MethodsRun run, HubNodes.Postgres postgres, PrintWriter err) throws Exception {
        try (HubNodes nodes = HubNodes.onPostgres(postgres)) {
            HubNodes.Node a = nodes.start();
            HubNodes.Node b = nodes.start();
            TrustedCa ca = TrustedCa.fromPemFile(a.server().caCertificate()); // the nodes share one data directory, so one CA
            HttpClient http = HubServiceClient.httpClient(ca);
            HubServiceClient toA = methodCalls(a, http);
            HubServiceClient toB = methodCalls(b, http);
            progress(err, "Two hub nodes on " + nodes.storeDescription() + "; connecting " + devices + " devices to node B...");
            try (MethodDevices onB = MethodDevices.connect(registry(b), devices, "bench-pg", b.server().mqttPort(), ca)) {
                run.warmUp(MethodsReport.PG_LOCAL, toB, onB);
                run.warmUp(MethodsReport.PG_CROSS, toA, onB);
                String where = "two nodes on PostgreSQL, devices on node B (MQTT :" + b.server().mqttPort() + "): ";
                MethodsReport.PathRun local = run.measure(MethodsReport.PG_LOCAL, where + "calls to node B (HTTPS :"
                        + b.server().httpsPort() + "), served in memory", toB, onB);
                MethodsReport.PathRun cross = run.measure(MethodsReport.PG_CROSS, where + "calls to node A (HTTPS :"
                        + a.server().httpsPort() + "), through hub_method_calls and LISTEN/NOTIFY", toA, onB);
                return List.of(local, cross);
            }
        }
    }

    /** The node's hub REST API as the {@code berth hub} commands reach it, for creating the devices. */
    private static ServiceApiClient registry(HubNodes.Node node) {
        return new ServiceApiClient(serviceUrl(node), ServiceConnectionString.parse(node.hubConnectionString()),
                node.server().caCertificate(), ServiceApiClient.HUB_API_VERSION);
    }

    private static HubServiceClient methodCalls(HubNodes.Node node, HttpClient http) {
        return new HubServiceClient(http, serviceUrl(node), ServiceConnectionString.parse(node.hubConnectionString()));
    }

    /** The hub's name does not resolve, so its API is reached on loopback (the node's certificate names localhost too). */
    private static URI serviceUrl(HubNodes.Node node) {
        return URI.create("https://localhost:" + node.server().httpsPort());
    }

    private static void progress(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new CliException(message);
        }
    }
}
