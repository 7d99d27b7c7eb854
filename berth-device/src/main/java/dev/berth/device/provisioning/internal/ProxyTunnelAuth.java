package dev.berth.device.provisioning.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;

/**
 * Whether {@code java.net.http} may send Basic proxy credentials when it opens an HTTPS tunnel. The JDK
 * refuses by default ({@code jdk.http.auth.tunneling.disabledSchemes=Basic} in {@code conf/net.properties})
 * and filters out even a {@code Proxy-Authorization} header set by hand, so the only fix is the JVM
 * setting. The JDK reads it once, when {@code java.net.http} is first used; this check reads it the same
 * way (system property first, then {@code net.properties}).
 */
public final class ProxyTunnelAuth {

    static final String DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

    public static final String BASIC_DISABLED_ADVICE = "HTTPS through a proxy with a user name needs Basic proxy"
            + " authentication, which this JVM disables for HTTPS tunnels (" + DISABLED_SCHEMES + "): start the JVM"
            + " with -D" + DISABLED_SCHEMES + "= (empty), or call System.setProperty(\"" + DISABLED_SCHEMES
            + "\", \"\") before anything uses java.net.http; or use the MQTT_WS transport, which is not affected";

    private ProxyTunnelAuth() {
    }

    public static boolean basicAllowedForHttpsTunnels() {
        String schemes = System.getProperty(DISABLED_SCHEMES);
        if (schemes == null) {
            schemes = fromNetProperties();
        }
        return schemes == null || Arrays.stream(schemes.split(","))
                .noneMatch(scheme -> scheme.strip().toLowerCase(Locale.ROOT).equals("basic"));
    }

    private static String fromNetProperties() {
        Path file = Path.of(System.getProperty("java.home"), "conf", "net.properties");
        try (InputStream in = Files.newInputStream(file)) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty(DISABLED_SCHEMES);
        } catch (IOException | RuntimeException e) {
            return null; // no net.properties: the JDK disables nothing either
        }
    }
}
