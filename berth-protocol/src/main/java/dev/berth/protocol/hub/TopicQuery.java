package dev.berth.protocol.hub;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code ?$rid=…&$version=…} tail of IoT Hub twin and method topics; the first value of a repeated key wins. */
final class TopicQuery {

    private TopicQuery() {
    }

    /** Empty when {@code tail} does not start with {@code ?}; parts without {@code =} or without a name are skipped. */
    static Map<String, String> parse(String tail) {
        Map<String, String> result = new LinkedHashMap<>();
        if (!tail.startsWith("?")) {
            return result;
        }
        for (String pair : tail.substring(1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                result.putIfAbsent(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return result;
    }

    /** Null when absent, empty or not a number. */
    static Long number(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
