package dev.berth.protocol.dps;

import java.util.Locale;

/** The SAS resource URI of a registration, {@code {idScope}/registrations/{registrationId}}. */
public final class DpsResource {
    private DpsResource() {
    }

    public static String of(String idScope, String registrationId) {
        return idScope + "/registrations/" + registrationId;
    }

    /** Compares a decoded {@code sr} with the expected resource; scope and registration IDs are case-insensitive. */
    public static boolean matches(String decodedResource, String idScope, String registrationId) {
        String expected = of(idScope, registrationId).toLowerCase(Locale.ROOT);
        String actual = decodedResource.toLowerCase(Locale.ROOT);
        while (actual.startsWith("/")) {
            actual = actual.substring(1);
        }
        return actual.equals(expected);
    }
}
