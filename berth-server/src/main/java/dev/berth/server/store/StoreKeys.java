package dev.berth.server.store;

import java.util.Locale;

/** IDs are matched case-insensitively, as DPS does: rows are keyed by the lower-cased ID. */
final class StoreKeys {
    private StoreKeys() {
    }

    static String keyOf(String noun, String id) {
        return requireId(noun, id).toLowerCase(Locale.ROOT);
    }

    static String requireId(String noun, String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(noun + " ID is missing");
        }
        return id;
    }
}
