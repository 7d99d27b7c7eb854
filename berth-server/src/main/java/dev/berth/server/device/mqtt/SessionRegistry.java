package dev.berth.server.device.mqtt;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The open provisioning sessions by registration ID: a new connection for the same ID replaces the old one. */
final class SessionRegistry {
    private final ConcurrentMap<String, DpsSession> sessions = new ConcurrentHashMap<>();

    /** @return the session this one replaced, or null */
    DpsSession register(String registrationId, DpsSession session) {
        return sessions.put(key(registrationId), session);
    }

    void remove(String registrationId, DpsSession session) {
        sessions.remove(key(registrationId), session);
    }

    int size() {
        return sessions.size();
    }

    private static String key(String registrationId) {
        return registrationId.toLowerCase(Locale.ROOT);
    }
}
