package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.BerthVersion;
import dev.berth.app.CliException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth hub c2d ID TEXT}: queues a cloud-to-device message. */
@Command(name = "c2d", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Queue a cloud-to-device message for a device; it is delivered when the device is connected and subscribed,",
                "and kept until the device acknowledges it or it expires."})
final class HubCloudToDeviceCommand extends HubCommandBase {

    @Parameters(index = "0", paramLabel = "ID", description = "The device ID (case-sensitive).")
    String deviceId;

    @Parameters(index = "1", paramLabel = "TEXT", description = "The message body (sent as text).")
    String text;

    @Option(names = "--property", paramLabel = "K=V", description = "An application property (repeatable).")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--ttl", paramLabel = "S", defaultValue = "3600",
            description = "Seconds the message may wait for the device (1-172800). Default: ${DEFAULT-VALUE}.")
    int ttlSeconds;

    @Override
    public Integer call() {
        if (ttlSeconds < 1 || ttlSeconds > 172_800) {
            throw new CliException("--ttl must be 1 to 172800 seconds (2 days), got " + ttlSeconds);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("payload", text);
        message.put("properties", properties);
        message.put("ttlSeconds", ttlSeconds);
        JsonNode queued = api().post(path("devices", deviceId, "/messages/devicebound"), message);
        out().println("Queued message " + queued.path("messageId").asText() + " for '" + deviceId + "' (expires "
                + queued.path("expiresAt").asText() + ").");
        out().flush();
        return 0;
    }
}
