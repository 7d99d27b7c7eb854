package dev.berth.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.BerthCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BerthCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void bench_with_baseline_registers_every_device_and_reports_both_runs_as_json() throws Exception {
        Run run = bench("--devices", "20", "--concurrency", "5", "--warmup", "5", "--baseline", "--json", "--duration-limit", "60s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Berth    [", "baseline [", "20/20 registered, 0 failed");
        JsonNode report = AppJson.MAPPER.readTree(run.out());
        assertThat(report.at("/environment/jdkVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(report.at("/environment/cores").asInt()).isPositive();
        assertThat(report.at("/settings/devices").asInt()).isEqualTo(20);
        assertThat(report.at("/settings/concurrency").asInt()).isEqualTo(5);
        assertThat(report.at("/settings/transport").asText()).isEqualTo("mqtt");
        assertThat(report.at("/settings/attestation").asText()).isEqualTo("key");
        for (String run1 : new String[] {"/berth", "/baseline/run"}) {
            JsonNode result = report.at(run1);
            assertThat(result.path("succeeded").asInt()).as(run1).isEqualTo(20);
            assertThat(result.path("failed").asInt()).as(run1).isZero();
            assertThat(result.path("registrationsPerSecond").asDouble()).as(run1).isPositive();
            assertThat(result.path("total").path("count").asInt()).as(run1).isEqualTo(20);
            assertThat(result.path("firstAnswer").path("count").asInt()).as(run1 + ": first answers seen").isEqualTo(20);
            double p50 = result.at("/total/p50Ms").asDouble();
            assertThat(p50).as(run1).isPositive().isLessThanOrEqualTo(result.at("/total/p99Ms").asDouble());
            assertThat(result.at("/total/p99Ms").asDouble()).isLessThanOrEqualTo(result.at("/total/maxMs").asDouble());
            assertThat(result.at("/firstAnswer/p50Ms").asDouble()).as(run1 + ": the first answer comes before the last")
                    .isLessThanOrEqualTo(p50);
        }
        assertThat(report.at("/berth/total/p50Ms").asDouble()).as("Berth devices wait one retry-after").isGreaterThanOrEqualTo(1000);
        assertThat(report.at("/server/assignment/count").asLong()).as("warm-up not counted").isEqualTo(20);
        assertThat(report.at("/server/usage/heapUsedPeakMb").asDouble()).isPositive();
        assertThat(report.at("/server/usage/serverThreadsCpuSeconds").asDouble()).isPositive();
        assertThat(report.at("/ratio").asDouble()).isPositive();
        assertThat(report.at("/retryAfterCeilingPerSecond").asDouble()).isEqualTo(5.0);
    }

    @Test
    void a_target_that_is_not_loopback_is_refused_without_the_ownership_flag(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not used before the check");
        Run run = bench("--target", "192.0.2.10:8883", "--id-scope", "0ne00000001", "--ca", ca.toString(),
                "--connection-string", "HostName=192.0.2.10;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=AAAA");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("192.0.2.10:8883 is not a loopback address", "--i-own-this-target");
    }

    @Test
    void bad_arguments_get_one_clear_line_each() {
        assertThat(bench("--devices", "0").err()).contains("--devices must be 1 to 100000");
        assertThat(bench("--transport", "coap").err()).contains("--transport must be mqtt or https");
        assertThat(bench("--transport", "https", "--baseline").err()).contains("--baseline measures MQTT/TLS");
        assertThat(bench("--id-scope", "x").err()).contains("go with --target");
    }
}
