package dev.berth.server.store;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Opaque, quoted entity tags (as Azure DPS writes them) and the If-Match rule. */
public final class Etags {
    /**
     * The precondition "must not exist yet" ({@code If-None-Match: *}), passed where an If-Match value goes. It
     * cannot collide with a real etag: those are quoted hex.
     */
    public static final String CREATE_ONLY = "If-None-Match: *";

    private static final SecureRandom RANDOM = new SecureRandom();

    private Etags() {
    }

    /** A fresh etag such as {@code "3f2a9c1e07b4d5a6"}, never equal to the one it replaces. */
    public static String next(String previous) {
        byte[] bytes = new byte[8];
        String etag;
        do {
            RANDOM.nextBytes(bytes);
            etag = '"' + HexFormat.of().formatHex(bytes) + '"';
        } while (etag.equals(previous));
        return etag;
    }

    public static boolean isUnconditional(String ifMatch) {
        return ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*");
    }

    /** Quotes are optional on either side: clients copy etags with and without them. */
    public static boolean matches(String ifMatch, String stored) {
        return stored != null && unquote(ifMatch).equals(unquote(stored));
    }

    /**
     * @param stored the current etag, null when the entity does not exist
     * @throws PreconditionFailedException when ifMatch names a version other than the stored one
     * @throws AlreadyExistsException when ifMatch is {@link #CREATE_ONLY} and the entity exists
     */
    public static void check(String noun, String id, String ifMatch, String stored) {
        if (CREATE_ONLY.equals(ifMatch)) {
            if (stored != null) {
                throw new AlreadyExistsException(noun + " '" + id + "' already exists (etag " + stored
                        + "); delete it first, or write it without If-None-Match to replace it");
            }
            return;
        }
        if (isUnconditional(ifMatch)) {
            return;
        }
        if (stored == null) {
            throw new PreconditionFailedException(noun + " '" + id + "' does not exist, so If-Match "
                    + quoted(ifMatch) + " cannot match; send no If-Match (or *) to create it");
        }
        if (!matches(ifMatch, stored)) {
            throw new PreconditionFailedException(noun + " '" + id + "' was changed: If-Match " + quoted(ifMatch)
                    + " does not match the current etag " + stored);
        }
    }

    private static String unquote(String etag) {
        String trimmed = etag.trim();
        if (trimmed.startsWith("W/")) {
            trimmed = trimmed.substring(2);
        }
        if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    private static String quoted(String etag) {
        return '"' + unquote(etag) + '"';
    }
}
