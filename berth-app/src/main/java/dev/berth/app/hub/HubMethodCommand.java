package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.BerthVersion;
import dev.berth.app.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth hub method ID NAME}: calls a direct method and prints the device's answer. */
@Command(name = "method", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Call a direct method on a connected device and print its status and payload.",
                "Exits 0 when the device answers with a 2xx status, 1 otherwise (also when it is offline or does not answer in time)."})
final class HubMethodCommand extends HubCommandBase {

    @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
    String deviceId;

    @Parameters(index = "1", paramLabel = "NAME", description = "The method name, e.g. reboot.")
    String methodName;

    @Option(names = "--payload", paramLabel = "JSON", description = "The request payload as JSON. Default: null.")
    String payload;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to wait for the device's answer (5-300). Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() {
        if (timeoutSeconds < 5 || timeoutSeconds > 300) {
            throw new CliException("--timeout must be 5 to 300 seconds, got " + timeoutSeconds);
        }
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("methodName", methodName);
        call.put("payload", payload == null ? null : json(payload, "--payload"));
        call.put("responseTimeoutInSeconds", timeoutSeconds);
        call.put("connectTimeoutInSeconds", 0);
        JsonNode answer = api().post(path("twins", deviceId, "/methods"), call);
        int status = answer.path("status").asInt();
        out().println("status: " + status);
        out().println("payload: " + (answer.hasNonNull("payload") ? answer.get("payload").toPrettyString() : "null"));
        out().flush();
        return status >= 200 && status < 300 ? 0 : 1;
    }
}
