package dev.berth.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandHelpTest {

    static Stream<Arguments> commandsAndTheirOptions() {
        return Stream.of(
                Arguments.of("", new String[] {"serve", "info", "enrollment", "group", "ca", "demo", "pki", "telemetry", "hub", "--verbose"}),
                Arguments.of("serve", new String[] {"--data-dir", "--hostname", "--hub", "--mqtt-port", "--https-port", "--bind",
                        "--retry-after", "--postgres-url", "--postgres-user", "--postgres-password", "--no-hub",
                        "--hub-connection-string", "--telemetry-retention", "7d"}),
                Arguments.of("info", new String[] {"--data-dir", "--json", "--postgres-url"}),
                Arguments.of("enrollment", new String[] {"create", "show", "list", "delete"}),
                Arguments.of("enrollment create", new String[] {"REGID", "--primary-key", "--secondary-key", "--device-id",
                        "--hub", "--allocation", "--disabled", "--initial-twin", "--json", "--connection-string",
                        "--service-url", "--ca", "--data-dir", "--certificate", "--secondary-certificate", "X.509"}),
                Arguments.of("enrollment show", new String[] {"ID", "--json", "--connection-string"}),
                Arguments.of("enrollment list", new String[] {"--json", "--service-url"}),
                Arguments.of("enrollment delete", new String[] {"ID", "--ca"}),
                Arguments.of("group", new String[] {"create", "show", "list", "delete", "derive-key"}),
                Arguments.of("group create", new String[] {"GROUPID", "--primary-key", "--secondary-key", "--hub",
                        "--allocation", "--disabled", "--initial-twin", "--json", "--signing-certificate",
                        "--secondary-signing-certificate", "--ca-reference", "--secondary-ca-reference"}),
                Arguments.of("group show", new String[] {"ID", "--json"}),
                Arguments.of("group list", new String[] {"--json"}),
                Arguments.of("group delete", new String[] {"ID"}),
                Arguments.of("group derive-key", new String[] {"GROUPID", "REGID", "--group-key", "--secondary"}),
                Arguments.of("ca", new String[] {"upload", "show", "list", "delete", "verification-code", "verify", "prove",
                        "possession"}),
                Arguments.of("ca upload", new String[] {"NAME", "--certificate", "--verified", "--replace", "--json", "--data-dir",
                        "--connection-string", "--service-url", "--ca"}),
                Arguments.of("ca show", new String[] {"NAME", "--json", "--data-dir"}),
                Arguments.of("ca list", new String[] {"--json", "--data-dir"}),
                Arguments.of("ca delete", new String[] {"NAME", "--data-dir"}),
                Arguments.of("ca verification-code", new String[] {"NAME", "--json", "pki", "verify"}),
                Arguments.of("ca verify", new String[] {"NAME", "--certificate", "--json"}),
                Arguments.of("ca prove", new String[] {"NAME", "--ca-cert", "--ca-key", "--ca-key-password", "--json"}),
                Arguments.of("pki", new String[] {"root", "intermediate", "device", "verification"}),
                Arguments.of("demo", new String[] {"--data-dir", "--devices", "X.509", "four", "DeviceClient", "direct method"}),
                Arguments.of("telemetry", new String[] {"tail"}),
                Arguments.of("telemetry tail", new String[] {"--device", "--from", "--count", "Ctrl-C", "base64", "--data-dir",
                        "--connection-string", "--service-url", "--ca"}),
                Arguments.of("hub", new String[] {"device", "twin", "method", "c2d"}),
                Arguments.of("hub device", new String[] {"show", "list", "delete"}),
                Arguments.of("hub device show", new String[] {"ID", "--data-dir", "--connection-string", "--service-url", "--ca"}),
                Arguments.of("hub device list", new String[] {"--json", "--data-dir"}),
                Arguments.of("hub device delete", new String[] {"ID", "--data-dir"}),
                Arguments.of("hub twin", new String[] {"show", "set-desired"}),
                Arguments.of("hub twin show", new String[] {"ID", "--data-dir"}),
                Arguments.of("hub twin set-desired", new String[] {"ID", "JSON", "--data-dir"}),
                Arguments.of("hub method", new String[] {"ID", "NAME", "--payload", "--timeout", "--data-dir"}),
                Arguments.of("hub c2d", new String[] {"ID", "TEXT", "--property", "--ttl", "--data-dir"}));
    }

    @ParameterizedTest(name = "berth {0} --help")
    @MethodSource("commandsAndTheirOptions")
    void help_of_every_command_lists_its_options(String command, String[] options) {
        String[] args = Stream.concat(Stream.of(command.split(" ")).filter(a -> !a.isEmpty()), Stream.of("--help"))
                .toArray(String[]::new);
        CliRun run = CliRun.run(args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: berth" + (command.isEmpty() ? "" : " " + command)).contains(options);
    }

    @Test
    void version_names_berth_and_the_java_runtime() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Berth ").contains("Java ");
    }

    @Test
    void unknown_option_is_a_usage_error_with_exit_code_2() {
        CliRun run = CliRun.run("info", "--no-such-option");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'").contains("Usage: berth info");
    }

    @Test
    void missing_registration_id_is_a_usage_error() {
        CliRun run = CliRun.run("enrollment", "create");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: 'REGID'");
    }
}
