package dev.berth.app.bench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.BerthCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Small real runs of {@code berth bench methods}; the PostgreSQL one needs {@code BERTH_TEST_POSTGRES_URL} (required when CI=true). */
class BenchMethodsCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run bench(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BerthCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("bench", "methods"));
        all.addAll(List.of(args));
        return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @Test
    void single_node_run_answers_every_call_and_reports_calls_per_second_and_latency_as_json() throws Exception {
        Run run = bench("--devices", "3", "--calls", "40", "--concurrency", "4", "--warmup", "10", "--json", "--duration-limit", "60s");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warm-up sqlite [", "sqlite   [", "40/40 answered, 0 failed");
        JsonNode report = AppJson.MAPPER.readTree(run.out());
        assertThat(report.at("/environment/jdkVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(report.at("/settings/calls").asInt()).isEqualTo(40);
        assertThat(report.at("/runs")).hasSize(1);
        assertThat(report.path("crossNode").isMissingNode() || report.path("crossNode").isNull()).as("no comparison without PostgreSQL").isTrue();
        assertMeasured(report.at("/runs/0"), "sqlite", 40, 3);
    }

    @Test
    void two_nodes_on_postgres_report_local_and_cross_node_side_by_side() throws Exception {
        String url = System.getenv("BERTH_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("BERTH_TEST_POSTGRES_URL is not set, but CI=true (bash .ci/start-postgres.sh /tmp/pg.env && . /tmp/pg.env before the tests)");
            }
            assumeTrue(false, "BERTH_TEST_POSTGRES_URL is not set: the two-node bench is skipped");
        }
        Run run = bench("--devices", "4", "--calls", "30", "--concurrency", "3", "--warmup", "10", "--duration-limit", "60s", "--json",
                "--postgres-url", url, "--postgres-user", System.getenv().getOrDefault("BERTH_TEST_POSTGRES_USER", "berth"),
                "--postgres-password", System.getenv().getOrDefault("BERTH_TEST_POSTGRES_PASSWORD", "berth"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Two hub nodes on PostgreSQL", "(dropped afterwards)", "pg-cross [");
        JsonNode report = AppJson.MAPPER.readTree(run.out());
        assertThat(report.at("/runs")).hasSize(3);
        assertMeasured(report.at("/runs/0"), "sqlite", 30, 4);
        assertMeasured(report.at("/runs/1"), "pg-local", 30, 4);
        assertMeasured(report.at("/runs/2"), "pg-cross", 30, 4);
        assertThat(report.at("/runs/2/description").asText()).contains("calls to node A", "LISTEN/NOTIFY");
        assertThat(report.at("/crossNode/throughputRatio").asDouble()).isPositive();
        assertThat(report.at("/crossNode/p50ExtraMs").asDouble())
                .isEqualTo(report.at("/runs/2/calls/latency/p50Ms").asDouble() - report.at("/runs/1/calls/latency/p50Ms").asDouble(),
                        org.assertj.core.data.Offset.offset(0.002));
    }

    @Test
    void bad_arguments_get_one_clear_line_each() {
        assertThat(bench("--devices", "0").err()).contains("--devices must be 1 to 1000");
        assertThat(bench("--calls", "0").err()).contains("--calls must be 1 to 1000000");
        assertThat(bench("--concurrency", "0").err()).contains("--concurrency must be 1 to 1000");
        assertThat(bench("--warmup", "-1").err()).contains("--warmup must be 0 to 100000");
        assertThat(bench("--duration-limit", "soon").err()).contains("--duration-limit must be a duration");
        assertThat(bench("--postgres-user", "berth").err()).contains("need --postgres-url");
        Run remote = bench("--postgres-url", "jdbc:postgresql://192.0.2.10/berth");
        assertThat(remote.exitCode()).isEqualTo(1);
        assertThat(remote.err()).contains("not this machine");
    }

    @Test
    void bench_help_lists_the_methods_subcommand() {
        StringWriter out = new StringWriter();
        CommandLine cli = BerthCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("bench", "--help")).isZero();
        assertThat(out.toString()).contains("methods", "Measures direct methods");
    }

    private static void assertMeasured(JsonNode run, String id, int calls, int devices) {
        assertThat(run.path("id").asText()).isEqualTo(id);
        JsonNode measured = run.path("calls");
        assertThat(measured.path("answered").asInt()).as(id).isEqualTo(calls);
        assertThat(measured.path("failed").asInt()).as(id).isZero();
        assertThat(measured.path("callsPerSecond").asDouble()).as(id).isPositive();
        assertThat(measured.at("/latency/count").asInt()).as(id + ": warm-up not counted").isEqualTo(calls);
        double p50 = measured.at("/latency/p50Ms").asDouble();
        assertThat(p50).as(id).isPositive().isLessThanOrEqualTo(measured.at("/latency/p99Ms").asDouble());
        assertThat(measured.at("/latency/p99Ms").asDouble()).as(id).isLessThanOrEqualTo(measured.at("/latency/maxMs").asDouble());
        assertThat(run.path("devicesConnected").asInt()).as(id).isEqualTo(devices);
    }
}
