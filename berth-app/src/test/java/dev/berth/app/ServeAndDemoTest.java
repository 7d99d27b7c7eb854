package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeAndDemoTest {

    @TempDir
    Path dataDir;

    @Test
    void serve_on_a_port_in_use_fails_with_a_message_and_no_stack_trace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.run("serve", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                    "--mqtt-port", Integer.toString(taken.getLocalPort()), "--https-port", "0");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot listen for MQTT on port " + taken.getLocalPort()).doesNotContain("\tat ");
            assertThat(dataDir.resolve(Endpoints.FILE_NAME)).doesNotExist();
        }
    }

    @Test
    void serve_with_verbose_adds_the_stack_trace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliRun run = CliRun.run("serve", "--verbose", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1",
                    "--mqtt-port", Integer.toString(taken.getLocalPort()), "--https-port", "0");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("\tat ");
        }
    }

    @Test
    void demo_runs_all_four_scenarios_and_exits_zero() throws Exception {
        CliRun run = CliRun.run("demo", "--data-dir", dataDir.toString(), "--devices", "3");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("REGISTRATION ID", "ENROLLMENT", "ATTESTATION", "STATUS", "ASSIGNED HUB", "DEVICE ID", "TIME (ms)",
                        "TELEMETRY", "REPORTED", "DESIRED", "METHOD")
                .contains("test PKI (NOT FOR PRODUCTION)", "3. uploaded it: CA 'demo-test-root' is verified.")
                .containsPattern("demo-device-1 +individual +key +assigned")
                .containsPattern("demo-group-device-3 +group demo-group +key +assigned")
                .containsPattern("demo-x509-device-1 +individual +x509 +assigned")
                .containsPattern("demo-x509-group-device-3 +group demo-x509-group +x509 +assigned")
                .contains("8 of 8 devices assigned")
                .contains("8 of 8 devices sent telemetry, reported a property, received a desired property and answered a direct method");
        assertThat(run.out().lines().filter(line -> line.matches(".*  assigned  .*")).count()).isEqualTo(8);
        // every device passed the four hub steps with its DeviceClient against the embedded hub 127.0.0.1
        assertThat(run.out().lines().filter(line -> line.matches(".*  assigned  127\\.0\\.0\\.1  .*( +ok \\d+ms){4}")).count())
                .isEqualTo(8);
        assertThat(run.out()).doesNotContain("FAIL");
        // the X.509 devices loaded encrypted keys, as the reference sample does
        assertThat(Files.readString(dataDir.resolve("test-pki/demo-x509-device-1.key.pem"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        // a group device presents its certificate and the intermediate, the root CA's being registered on the server
        assertThat(dev.berth.server.pki.PemFiles.readCertificates(dataDir.resolve("test-pki/demo-x509-group-device-1.chain.pem")))
                .extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=demo-x509-group-device-1,O=Berth", "CN=Berth Demo Test Intermediate,O=Berth");
    }

    @Test
    void demo_runs_again_on_the_same_data_directory() {
        assertThat(CliRun.run("demo", "--data-dir", dataDir.toString(), "--devices", "1").exitCode()).isZero();
        CliRun again = CliRun.run("demo", "--data-dir", dataDir.toString(), "--devices", "1");
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(again.out()).contains("4 of 4 devices assigned").contains("4 of 4 devices sent telemetry");
    }

    @Test
    void demo_without_data_dir_removes_its_temporary_directory() throws Exception {
        long before = demoDirectories();
        CliRun run = CliRun.run("demo", "--devices", "0");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(demoDirectories()).isEqualTo(before);
    }

    @Test
    void demo_refuses_a_negative_device_count() {
        CliRun run = CliRun.run("demo", "--devices", "-1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("--devices must be 0 to 200");
    }

    private static long demoDirectories() throws Exception {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("berth-demo-")).count();
        }
    }
}
