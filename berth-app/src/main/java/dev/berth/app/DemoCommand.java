package dev.berth.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.berth.device.security.TrustedCa;
import dev.berth.protocol.service.ServiceConnectionString;
import dev.berth.server.BerthServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code berth demo}: the whole path in one command. Starts a server on free ports, makes a test PKI, registers and
 * proves its root CA, creates the four kinds of enrollment (individual and group, symmetric key and X.509) through
 * the service API, provisions their devices with the Berth SDK over MQTT/TLS and prints the result.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"See Berth work end to end: enroll and provision devices on a temporary server.",
                "Starts Berth on free ports and runs all four scenarios through the service API: an individual enrollment and"
                        + " an enrollment group with symmetric keys, and both with X.509 certificates (a test PKI made on the spot;"
                        + " its root CA registered with proof of possession). Provisions 1 + N devices per attestation with the"
                        + " Berth Java SDK over MQTT/TLS and prints the results. Exits 0 only if every device was assigned."})
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
        Path directory = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("berth-demo-");
        Logger berthLog = (Logger) LoggerFactory.getLogger("dev.berth");
        Level previousLevel = berthLog.getLevel();
        if (!BerthCli.isVerbose(spec.root().commandLine().getParseResult())) {
            berthLog.setLevel(Level.WARN); // the table is the demo's output; the server's INFO lines would bury it
        }
        try (BerthServer server = BerthServer.builder().dataDirectory(directory).bindHost("127.0.0.1")
                .mqttPort(0).httpsPort(0).retryAfterSeconds(1).build().start()) {
            out.printf("Started Berth in %s%s: ID scope %s, MQTT/TLS port %d, HTTPS port %d.%n", directory,
                    dataDir == null ? " (temporary)" : "", server.idScope(), server.mqttPort(), server.httpsPort());
            List<DemoDevices.Device> devices = enroll(server, directory, out);
            out.printf("Provisioning %d devices with the Berth Java SDK over MQTT/TLS...%n", devices.size());
            out.flush();
            var provisioning = new DemoDevices("localhost", server.mqttPort(), server.idScope(),
                    TrustedCa.fromPemFile(server.caCertificate()));
            long started = System.nanoTime();
            List<DemoDevices.Outcome> outcomes = provisioning.provisionAll(devices);
            return report(out, outcomes, (System.nanoTime() - started) / 1_000_000);
        } finally {
            berthLog.setLevel(previousLevel);
            if (dataDir == null) {
                deleteRecursively(directory);
            }
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

    private static int report(PrintWriter out, List<DemoDevices.Outcome> outcomes, long totalMillis) {
        TextTable table = new TextTable("REGISTRATION ID", "ENROLLMENT", "ATTESTATION", "STATUS", "ASSIGNED HUB", "DEVICE ID", "TIME (ms)");
        outcomes.forEach(o -> table.row(o.device().registrationId(), o.device().enrollment(), o.device().attestation(), o.status(),
                o.assignedHub(), o.deviceId(), o.millis()));
        out.println();
        table.print(out);
        long assigned = outcomes.stream().filter(DemoDevices.Outcome::assigned).count();
        outcomes.stream().filter(o -> !o.assigned())
                .forEach(o -> out.println(o.device().registrationId() + ": " + o.problem()));
        out.printf("%n%d of %d devices assigned in %d ms.%n", assigned, outcomes.size(), totalMillis);
        out.flush();
        return assigned == outcomes.size() ? 0 : 1;
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
