package dev.berth.device.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, sent as {@code DeviceClientType=berth-device/<version>} in the hub username. */
final class ClientVersion {
    static final String CLIENT_VERSION = "berth-device/" + read();

    private ClientVersion() {
    }

    private static String read() {
        try (InputStream in = ClientVersion.class.getResourceAsStream("/dev/berth/device/berth-device.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            // an unfiltered resource (IDE build without Maven) still yields a readable value
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
