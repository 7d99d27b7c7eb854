package dev.berth.server.store;

import java.util.Optional;

/**
 * Service-wide settings shared by every node (ID scope, service policy keys): generated once by the
 * first node, read by all.
 */
public interface SettingsStore {

    Optional<String> setting(String key);

    /** Stores the value unless the key exists; returns the value now stored (the existing one if any). */
    String settingIfAbsent(String key, String value);
}
