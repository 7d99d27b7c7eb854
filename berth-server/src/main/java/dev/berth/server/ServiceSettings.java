package dev.berth.server;

import dev.berth.server.store.SettingsStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Service-wide identity kept in the store so that every node and every restart sees the same values:
 * the ID scope ({@code 0ne} + 8 hex digits, like Azure's) and the service policy key (32 random bytes).
 */
public final class ServiceSettings {
    public static final String SERVICE_POLICY_NAME = "provisioningserviceowner";
    private static final String ID_SCOPE = "idScope";
    private static final String SERVICE_KEY = "servicePolicy." + SERVICE_POLICY_NAME + ".primaryKey";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String idScope;
    private final String servicePolicyKey;

    private ServiceSettings(String idScope, String servicePolicyKey) {
        this.idScope = idScope;
        this.servicePolicyKey = servicePolicyKey;
    }

    /** Reads the settings, generating each one the first time (safe when several nodes start at once). */
    public static ServiceSettings loadOrCreate(SettingsStore store) {
        byte[] scope = new byte[4];
        RANDOM.nextBytes(scope);
        String idScope = store.settingIfAbsent(ID_SCOPE, "0ne" + HexFormat.of().formatHex(scope).toUpperCase(Locale.ROOT));
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String serviceKey = store.settingIfAbsent(SERVICE_KEY, Base64.getEncoder().encodeToString(key));
        return new ServiceSettings(idScope, serviceKey);
    }

    public String idScope() {
        return idScope;
    }

    public String servicePolicyKey() {
        return servicePolicyKey;
    }
}
