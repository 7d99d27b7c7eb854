package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void info_json_of_a_new_data_directory_shows_defaults_and_an_existing_ca_file() throws Exception {
        CliRun run = CliRun.run("info", "--json", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode info = AppJson.MAPPER.readTree(run.out());
        assertThat(info.get("idScope").asText()).matches("0ne[0-9A-F]{8}");
        assertThat(info.get("serviceConnectionString").asText())
                .startsWith("HostName=localhost;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=");
        assertThat(Path.of(info.get("caCertificate").asText())).isRegularFile().startsWith(dataDir);
        assertThat(info.get("mqttPort").asInt()).isEqualTo(8883);
        assertThat(info.get("httpsPort").asInt()).isEqualTo(443);
        assertThat(info.get("hubs").isArray()).isTrue();
        assertThat(info.get("hubs")).isNotEmpty();
        assertThat(info.get("dataDirectory").asText()).isEqualTo(dataDir.toAbsolutePath().normalize().toString());
        assertThat(info.get("store").asText()).isEqualTo("sqlite");
        assertThat(info.at("/hubConnectionStrings/127.0.0.1").asText())
                .matches("HostName=127\\.0\\.0\\.1;SharedAccessKeyName=iothubowner;SharedAccessKey=[A-Za-z0-9+/]{43}=");
    }

    @Test
    void hub_connection_strings_show_only_the_hubs_serve_embedded() throws Exception {
        new Endpoints(List.of("localhost"), List.of("hub.example.com", "myhub.azure-devices.net"), "0.0.0.0", 18883, 18443, "sqlite",
                java.util.Map.of("hub.example.com", "from the file")).write(dataDir);

        JsonNode info = AppJson.MAPPER.readTree(CliRun.run("info", "--json", "--data-dir", dataDir.toString()).out());

        assertThat(info.get("hubConnectionStrings").size()).isEqualTo(1);
        assertThat(info.at("/hubConnectionStrings/hub.example.com").asText())
                .startsWith("HostName=hub.example.com:18443;SharedAccessKeyName=iothubowner;SharedAccessKey=");
    }

    @Test
    void id_scope_stays_the_same_across_runs() throws Exception {
        String first = AppJson.MAPPER.readTree(CliRun.run("info", "--json", "--data-dir", dataDir.toString()).out()).get("idScope").asText();
        String second = AppJson.MAPPER.readTree(CliRun.run("info", "--json", "--data-dir", dataDir.toString()).out()).get("idScope").asText();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void ports_and_hosts_come_from_the_endpoints_file_serve_wrote() throws Exception {
        new Endpoints(List.of("berth.example.com"), List.of("hub.example.com"), "0.0.0.0", 18883, 18443, "sqlite").write(dataDir);

        JsonNode info = AppJson.MAPPER.readTree(CliRun.run("info", "--json", "--data-dir", dataDir.toString()).out());

        assertThat(info.get("mqttPort").asInt()).isEqualTo(18883);
        assertThat(info.get("httpsPort").asInt()).isEqualTo(18443);
        assertThat(info.get("serviceConnectionString").asText()).startsWith("HostName=berth.example.com:18443;");
        assertThat(info.get("hubs").get(0).asText()).isEqualTo("hub.example.com");
    }

    @Test
    void table_output_names_every_field() {
        CliRun run = CliRun.run("info", "--data-dir", dataDir.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("idScope", "serviceConnectionString", "caCertificate", "mqttPort", "httpsPort", "hubs")
                .containsPattern("hubConnectionStrings +127\\.0\\.0\\.1: HostName=127\\.0\\.0\\.1;SharedAccessKeyName=iothubowner;");
    }

    @Test
    void a_postgres_data_directory_without_postgres_options_is_refused_with_advice() throws Exception {
        new Endpoints(List.of(), List.of(), "0.0.0.0", 8883, 443, "postgresql").write(dataDir);

        CliRun run = CliRun.run("info", "--data-dir", dataDir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("PostgreSQL").contains("--postgres-url").doesNotContain("\tat ");
        assertThat(Files.exists(dataDir.resolve("berth.db"))).isFalse();
    }
}
