package dev.berth.server.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Paging by key ({@code WHERE key > ? ORDER BY key LIMIT n + 1}). The continuation token is the
 * base64url of the last key of the page: opaque to clients, valid on every node and across restarts,
 * and no state is kept on the server.
 */
public final class KeysetPages {
    private KeysetPages() {
    }

    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Reads a page from rows that were queried with a limit of {@code maxItems + 1}: the extra row, when
     * present, only says that another page follows.
     */
    public static <T> Page<T> collect(ResultSet rows, int maxItems, String keyColumn, RowReader<T> reader)
            throws SQLException {
        List<T> items = new ArrayList<>();
        String lastKey = null;
        while (rows.next()) {
            if (items.size() == maxItems) {
                return new Page<>(items, after(lastKey));
            }
            lastKey = rows.getString(keyColumn);
            items.add(reader.read(rows));
        }
        return new Page<>(items, null);
    }

    public static String after(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the key to continue after; "" (before every key) for a null token */
    public static String keyOf(String token) {
        if (token == null) {
            return "";
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token.trim());
            String key = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            if (key.isEmpty()) {
                throw new IllegalArgumentException("invalid continuation token '" + token + "': it names no key");
            }
            return key;
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new IllegalArgumentException("invalid continuation token '" + token
                    + "': pass back the x-ms-continuation value of the previous page unchanged", e);
        }
    }

    public static void requirePageSize(int maxItems) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("page size must be at least 1, was " + maxItems);
        }
    }
}
