package dev.berth.app.hub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.app.AppJson;
import dev.berth.app.BerthVersion;
import dev.berth.app.CliException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code berth telemetry tail}: follows the hub's {@code GET /telemetry/stream} and prints one line per message,
 * {@code receivedAt  #sequence  deviceId  [properties]  body}. Runs until Ctrl-C, or {@code --count} messages.
 */
@Command(name = "tail", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Print telemetry as devices send it, one line per message: time, sequence number, device, properties, body.",
                "The body is printed as text when it is UTF-8, else as base64:... . Stops with Ctrl-C (or after --count messages).",
                "Live messages are those received by the server it talks to; --from replays the stored ones first."})
final class TelemetryTailCommand extends HubCommandBase {
    /** Added by the hub to every message; the line already names the device. */
    private static final String DEVICE_ID_PROPERTY = "iothub-connection-device-id";

    @Option(names = "--device", paramLabel = "ID", description = "Only this device's messages.")
    String deviceId;

    @Option(names = "--from", paramLabel = "SEQ",
            description = "First replay the stored messages after this sequence number (0: all that are kept), then follow.")
    Long from;

    @Option(names = "--count", paramLabel = "N", defaultValue = "0",
            description = "Stop after N messages. Default: ${DEFAULT-VALUE} (follow until Ctrl-C).")
    int count;

    @Override
    public Integer call() {
        if (count < 0) {
            throw new CliException("--count must be 0 (no limit) or more, got " + count);
        }
        if (from != null && from < 0) {
            throw new CliException("--from must be a sequence number (0 or more), got " + from);
        }
        List<String> query = new ArrayList<>();
        if (deviceId != null) {
            query.add("device=" + dev.berth.app.ServiceApiClient.segment(deviceId));
        }
        if (from != null) {
            query.add("from=" + from);
        }
        String path = "/telemetry/stream" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        AtomicInteger printed = new AtomicInteger();
        AtomicReference<String> ended = new AtomicReference<>();
        api().streamLines(path, line -> {
            if (line.isBlank()) {
                return true;
            }
            JsonNode message = parse(line);
            if (message.has("error")) {
                ended.set(message.get("error").asText());
                return false;
            }
            out().println(format(message));
            out().flush();
            return count == 0 || printed.incrementAndGet() < count;
        });
        if (ended.get() != null) {
            throw new CliException("the hub ended the telemetry stream: " + ended.get());
        }
        if (count > 0 && printed.get() < count) {
            throw new CliException("the hub ended the telemetry stream after " + printed.get() + " of " + count + " messages");
        }
        return 0;
    }

    private static JsonNode parse(String line) {
        try {
            return AppJson.MAPPER.readTree(line);
        } catch (IOException e) {
            throw new CliException("the telemetry stream sent a line that is not JSON: " + line.substring(0, Math.min(200, line.length())));
        }
    }

    /** {@code 2024-05-01T10:00:00.123Z  #42  sensor-1  [temp=21 $.ct=application/json]  {"t":21}}. */
    static String format(JsonNode message) {
        List<String> properties = new ArrayList<>();
        message.path("applicationProperties").properties().forEach(p -> properties.add(p.getKey() + "=" + p.getValue().asText()));
        message.path("systemProperties").properties().stream().filter(p -> !p.getKey().equals(DEVICE_ID_PROPERTY))
                .forEach(p -> properties.add(p.getKey() + "=" + p.getValue().asText()));
        String body = message.has("body") ? message.get("body").asText() : "base64:" + message.path("bodyBase64").asText();
        return message.path("receivedAt").asText() + "  #" + message.path("sequence").asText() + "  " + message.path("deviceId").asText()
                + "  [" + String.join(" ", properties) + "]  " + body;
    }
}
