package dev.berth.app;

import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.BerthServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code berth demo}: the whole path in one command. Starts a server on free ports, makes a test PKI, registers and
 * proves its root CA, creates the four kinds of enrollment (individual and group, symmetric key and X.509) through
 * the service API, provisions their devices with the Berth SDK over MQTT/TLS, then connects each device to the
 * embedded hub with {@code DeviceClient} and goes through telemetry, twin and direct method ({@link DemoHub}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"See Berth work end to end: enroll and provision devices on a temporary server.",
                "Starts Berth on free ports and runs all four scenarios through the service API: an individual enrollment and"
                        + " an enrollment group with symmetric keys, and both with X.509 certificates (a test PKI made on the spot;"
                        + " its root CA registered with proof of possession). Provisions 1 + N devices per attestation with the"
                        + " Berth Java SDK over MQTT/TLS, then connects each device to the embedded hub with the SDK's DeviceClient:"
                        + " it sends telemetry, reports a property, receives a desired property and answers a direct method (both"
                        + " sent through the hub's REST API). Prints a table of every step. Exits 0 only if every device passed every step."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Use (and keep) this data directory. Default: a temporary one, deleted afterwards.")
    Path dataDir;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "2",
            description = "Devices to provision through each group (0-200). Default: ${DEFAULT-VALUE}.")
    int groupDevices;

    @Override
    public Integer call() throws IOException {
        if (groupDevices < 0 || groupDevices > 200) {
            throw new CliException("--devices must be 0 to 200, got " + groupDevices);
        }
        PrintWriter out = spec.commandLine().getOut();
        // the hub is named 127.0.0.1 so that devices dial their assigned hub as it is, as the reference sample does
        HubWiring hubs = HubWiring.embeddedOnly(BerthServer.LOOPBACK_HUB);
        // quiet unless --verbose: the table is the demo's output
        try (InProcessDataDirectory data = InProcessDataDirectory.open(dataDir, "berth-demo-",
                !BerthCli.isVerbose(spec.root().commandLine().getParseResult()));
             BerthServer server = hubs.applyTo(BerthServer.builder()).dataDirectory(data.path()).bindHost("127.0.0.1")
                .mqttPort(0).httpsPort(0).retryAfterSeconds(1).build().start()) {
            Path directory = data.path();
            out.printf("Started Berth in %s%s: ID scope %s, MQTT/TLS port %d, HTTPS port %d.%n", directory,
                    dataDir == null ? " (temporary)" : "", server.idScope(), server.mqttPort(), server.httpsPort());
            List<DemoDevices.Device> devices = enroll(server, directory, out);
            out.printf("Provisioning %d devices with the Berth Java SDK over MQTT/TLS...%n", devices.size());
            out.flush();
            var provisioning = new DemoDevices("localhost", server.mqttPort(), server.idScope(),
                    TrustedCa.fromPemFile(server.caCertificate()));
            long started = System.nanoTime();
            List<DemoDevices.Outcome> outcomes = provisioning.provisionAll(devices);
            long provisioned = System.nanoTime();
            List<DemoDevices.Outcome> assigned = outcomes.stream().filter(DemoDevices.Outcome::assigned).toList();
            out.printf("Connecting %d devices to hub %s with the Berth Java SDK's DeviceClient: telemetry, reported property,"
                    + " desired property, direct method...%n", assigned.size(), BerthServer.LOOPBACK_HUB);
            out.flush();
            var hubApi = new ServiceApiClient(URI.create("https://localhost:" + server.httpsPort()),
                    ServiceConnectionString.parse(hubs.connectionStrings(server).get(BerthServer.LOOPBACK_HUB)),
                    server.caCertificate(), ServiceApiClient.HUB_API_VERSION);
            List<DemoHub.Session> sessions = new DemoHub(server.mqttPort(), TrustedCa.fromPemFile(server.caCertificate()), hubApi)
                    .runAll(assigned);
            return report(out, outcomes, sessions, millisBetween(started, provisioned), millisBetween(provisioned, System.nanoTime()));
        }
    }

    /** Creates the enrollments through the service API, as a user would, and returns the devices to provision. */
    private List<DemoDevices.Device> enroll(BerthServer server, Path directory, PrintWriter out) throws IOException {
        var api = new ServiceApiClient(URI.create("https://localhost:" + server.httpsPort()),
                ServiceConnectionString.parse(server.serviceConnectionString()), server.caCertificate());
        var enrollments = new DemoEnrollments(api, groupDevices, out);
        DemoTestPki pki = DemoTestPki.create(directory);
        out.printf("Made a test PKI (NOT FOR PRODUCTION) in %s: root CA, intermediate CA, 1 self-signed and %d CA-signed device"
                + " certificate(s); device keys are encrypted PKCS#8 (password '%s').%n", pki.directory(), groupDevices,
                DemoTestPki.KEY_PASSWORD);
        List<DemoDevices.Device> devices = new ArrayList<>(enrollments.symmetricKey());
        devices.addAll(enrollments.x509(pki));
        out.printf("Enrolled individual '%s' and group '%s' with symmetric keys, individual '%s' with its self-signed certificate"
                        + " and group '%s' by the verified CA '%s'.%n", DemoEnrollments.KEY_DEVICE, DemoEnrollments.KEY_GROUP,
                DemoEnrollments.X509_DEVICE, DemoEnrollments.X509_GROUP, DemoEnrollments.CA_NAME);
        return devices;
    }

    private static int report(PrintWriter out, List<DemoDevices.Outcome> outcomes, List<DemoHub.Session> sessions,
                              long provisioningMillis, long hubMillis) {
        Map<DemoDevices.Outcome, DemoHub.Session> byDevice = new HashMap<>();
        sessions.forEach(s -> byDevice.put(s.device(), s));
        TextTable table = new TextTable("REGISTRATION ID", "ENROLLMENT", "ATTESTATION", "STATUS", "ASSIGNED HUB", "DEVICE ID", "TIME (ms)",
                "TELEMETRY", "REPORTED", "DESIRED", "METHOD");
        for (DemoDevices.Outcome o : outcomes) {
            DemoHub.Session s = byDevice.get(o);
            table.row(o.device().registrationId(), o.device().enrollment(), o.device().attestation(), o.status(),
                    o.assignedHub(), o.deviceId(), o.millis(), s == null ? null : s.telemetry().cell(), s == null ? null : s.reported().cell(),
                    s == null ? null : s.desired().cell(), s == null ? null : s.method().cell());
        }
        out.println();
        table.print(out);
        long assigned = outcomes.stream().filter(DemoDevices.Outcome::assigned).count();
        outcomes.stream().filter(o -> !o.assigned())
                .forEach(o -> out.println(o.device().registrationId() + ": " + o.problem()));
        sessions.forEach(s -> s.failures().stream().map(f -> f.name() + ": " + f.problem()).distinct()
                .forEach(problem -> out.println(s.device().deviceId() + " " + problem)));
        long passed = sessions.stream().filter(DemoHub.Session::ok).count();
        out.printf("%n%d of %d devices assigned in %d ms.%n", assigned, outcomes.size(), provisioningMillis);
        out.printf("%d of %d devices sent telemetry, reported a property, received a desired property and answered a direct"
                + " method in %d ms.%n", passed, outcomes.size(), hubMillis);
        out.flush();
        return assigned == outcomes.size() && passed == outcomes.size() ? 0 : 1;
    }

    private static long millisBetween(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1_000_000;
    }
}
