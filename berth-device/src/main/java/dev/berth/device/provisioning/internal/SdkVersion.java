package dev.berth.device.provisioning.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The SDK's version, sent as {@code ClientVersion=berth-device/<version>} (provisioning) and
 * {@code DeviceClientType=berth-device/<version>} (hub) so server logs can tell SDK releases apart.
 */
public final class SdkVersion {
    public static final String CLIENT_VERSION = "berth-device/" + read();

    private SdkVersion() {
    }

    private static String read() {
        try (InputStream in = SdkVersion.class.getResourceAsStream("/dev/berth/device/berth-device.properties")) {
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
