package dev.berth.hub;

import dev.berth.server.store.SettingsStore;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The hub's one service policy, {@code iothubowner}: its key is generated once and kept in the provisioning
 * store's settings, so every node and every restart share it.
 */
public final class HubPolicy {
    public static final String NAME = "iothubowner";
    static final String KEY_SETTING = "hubPolicy." + NAME + ".primaryKey";
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubPolicy() {
    }

    /** The policy key (base64 of 32 bytes), created the first time; safe when several nodes start at once. */
    public static String loadOrCreateKey(SettingsStore settings) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return settings.settingIfAbsent(KEY_SETTING, Base64.getEncoder().encodeToString(key));
    }

    /** {@code HostName={hub}[:port];SharedAccessKeyName=iothubowner;SharedAccessKey=…}; the port is left out when 443. */
    public static String connectionString(String hubHostName, int httpsPort, String key) {
        String host = hubHostName + (httpsPort == 443 || httpsPort <= 0 ? "" : ":" + httpsPort);
        return "HostName=" + host + ";SharedAccessKeyName=" + NAME + ";SharedAccessKey=" + key;
    }
}
