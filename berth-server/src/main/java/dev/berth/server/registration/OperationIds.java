package dev.berth.server.registration;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Operation IDs shaped like Azure's ({@code 4.1a2b3c4d5e6f7a8b.<uuid>}): only {@code [a-z0-9.-]}, since SDKs
 * put them unencoded into the poll topic and URL.
 */
final class OperationIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OperationIds() {
    }

    static String next() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "4." + HexFormat.of().formatHex(bytes) + "." + UUID.randomUUID();
    }
}
