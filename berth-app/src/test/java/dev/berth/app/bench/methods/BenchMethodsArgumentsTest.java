package dev.berth.app.bench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.app.CliException;
import dev.berth.app.bench.BenchReport;
import dev.berth.app.bench.Percentiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchMethodsArgumentsTest {

    @Test
    void no_postgres_url_means_single_node_and_user_or_password_alone_is_refused() {
        assertThat(PostgresOption.parse(null, null, null)).isNull();
        assertThatThrownBy(() -> PostgresOption.parse(null, "berth", null)).isInstanceOf(CliException.class)
                .hasMessageContaining("need --postgres-url");
    }

    @Test
    void postgres_url_must_be_a_jdbc_url_of_one_loopback_host_without_a_schema() {
        assertThat(PostgresOption.parse(" jdbc:postgresql://127.0.0.1:5432/berth ", "u", "p"))
                .isEqualTo(new HubNodes.Postgres("jdbc:postgresql://127.0.0.1:5432/berth", "u", "p"));
        assertThat(PostgresOption.parse("jdbc:postgresql://localhost/berth?sslmode=disable", null, null)).isNotNull();
        assertThatThrownBy(() -> PostgresOption.parse("postgres://127.0.0.1/berth", null, null)).hasMessageContaining("JDBC URL");
        assertThatThrownBy(() -> PostgresOption.parse("jdbc:postgresql://192.0.2.10:5432/berth", null, null))
                .hasMessageContaining("192.0.2.10, which is not this machine");
        assertThatThrownBy(() -> PostgresOption.parse("jdbc:postgresql://127.0.0.1/berth?currentSchema=x", null, null))
                .hasMessageContaining("creates a schema of its own");
    }

    @Test
    void a_call_succeeds_only_with_http_200_and_device_status_200() {
        assertThat(HubServiceClient.failure(200, "{\"status\":200,\"payload\":{\"seq\":3}}")).isNull();
        assertThat(HubServiceClient.failure(200, "{\"status\":500,\"payload\":null}")).isEqualTo("device status 500");
        assertThat(HubServiceClient.failure(504, "{\"errorCode\":504101,\"message\":\"no answer\"}")).isEqualTo("http 504 (504101)");
        assertThat(HubServiceClient.failure(502, "<html>bad gateway</html>")).isEqualTo("http 502");
        assertThat(HubServiceClient.failure(200, "not json")).isEqualTo("answer without a status");
    }

    @Test
    void cross_node_comparison_is_latency_added_and_throughput_ratio() {
        var local = calls(400, new Percentiles(100, 10, 20, 30, 40), Map.of());
        var cross = calls(100, new Percentiles(100, 14.5, 26, 41, 60), Map.of());

        MethodsReport.Comparison comparison = MethodsReport.Comparison.of(local, cross);

        assertThat(comparison).isEqualTo(new MethodsReport.Comparison(4.5, 6, 11, 0.25));
    }

    @Test
    void text_report_puts_the_paths_side_by_side_and_says_what_cross_node_adds() {
        var sqlite = new MethodsReport.PathRun("sqlite", "one node on SQLite", 20, calls(318.9, new Percentiles(300, 29.19, 41.17, 72.19, 74.42), Map.of()));
        var local = new MethodsReport.PathRun("pg-local", "calls to node B", 20, calls(547.5, new Percentiles(300, 15.84, 27.05, 37.38, 42.32), Map.of()));
        var cross = new MethodsReport.PathRun("pg-cross", "calls to node A", 19,
                calls(139.4, new Percentiles(298, 63.37, 117.38, 158.01, 168.25), Map.of("http 504 (504101)", 2)));
        var report = new MethodsReport(new BenchReport.Environment("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", 2, "Linux amd64"),
                new MethodsReport.Settings(20, 300, 10, 50, 120, 10, HubNodes.HUB), List.of(sqlite, local, cross),
                MethodsReport.Comparison.of(local.calls(), cross.calls()));
        StringWriter text = new StringWriter();

        MethodsReportText.print(report, new PrintWriter(text));

        assertThat(text.toString()).contains("JDK 17.0.15 (Debian, OpenJDK 64-Bit Server VM), 2 cores, Linux amd64",
                "20 devices, 300 calls per run, concurrency 10, 50 warm-up calls per run (not measured)",
                "  pg-cross  calls to node A");
        assertThat(text.toString().lines()).contains(
                String.format("%-30s%16s%16s%16s", "", "SQLITE", "PG-LOCAL", "PG-CROSS"),
                String.format("%-30s%16s%16s%16s", "calls/s", "318.9", "547.5", "139.4"),
                String.format("%-30s%16s%16s%16s", "latency p50 (ms)", "29.19", "15.84", "63.37"),
                String.format("%-30s%16s%16s%16s", "latency max (ms)", "74.42", "42.32", "168.25"),
                String.format("%-30s%16s%16s%16s", "devices connected after", "20/20", "20/20", "19/20"),
                "  pg-cross failures http 504 (504101): 2",
                "Cross-node minus local on PostgreSQL: p50 +47.53 ms, p90 +90.33 ms, p99 +120.63 ms; throughput ratio 0.255");
        assertThat(report.allAnswered()).isFalse();
    }

    private static MethodsReport.Calls calls(double perSecond, Percentiles latency, Map<String, Integer> failures) {
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return new MethodsReport.Calls(latency.count() + failed, latency.count(), failed, 0, 1.0, perSecond, false, latency, failures);
    }
}
