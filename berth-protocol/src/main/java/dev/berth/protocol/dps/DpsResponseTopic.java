package dev.berth.protocol.dps;

import java.util.OptionalInt;

/**
 * {@code $dps/registrations/res/{status}/?$rid={rid}[&retry-after={seconds}]}. The rid comes right after
 * {@code ?} (C# matches it with a regex) and retry-after comes last (nanoFramework reads everything after
 * the last {@code =}).
 */
public record DpsResponseTopic(int status, String rid, OptionalInt retryAfterSeconds) {

    public static final String PREFIX = "$dps/registrations/res/";
    public static final String SUBSCRIPTION = "$dps/registrations/res/#";

    public String format() {
        return PREFIX + status + "/?$rid=" + rid
                + (retryAfterSeconds.isPresent() ? "&retry-after=" + retryAfterSeconds.getAsInt() : "");
    }

    public static DpsResponseTopic of(int status, String rid) {
        return new DpsResponseTopic(status, rid, OptionalInt.empty());
    }

    public static DpsResponseTopic retryAfter(int status, String rid, int seconds) {
        return new DpsResponseTopic(status, rid, OptionalInt.of(seconds));
    }

    /** @throws IllegalArgumentException when the topic is not a response topic */
    public static DpsResponseTopic parse(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a provisioning response topic: " + topic);
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("no status in response topic: " + topic);
        }
        int status;
        try {
            status = Integer.parseInt(rest.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("status is not a number in response topic: " + topic);
        }
        String rid = null;
        OptionalInt retryAfter = OptionalInt.empty();
        String query = rest.substring(slash + 1);
        if (query.startsWith("?")) {
            for (String pair : query.substring(1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = pair.substring(0, eq);
                String value = pair.substring(eq + 1);
                if (key.equals("$rid")) {
                    rid = value;
                } else if (key.equalsIgnoreCase("retry-after")) {
                    try {
                        retryAfter = OptionalInt.of(Integer.parseInt(value));
                    } catch (NumberFormatException ignored) {
                        // a bad retry-after is treated as absent: the caller falls back to its default
                    }
                }
            }
        }
        return new DpsResponseTopic(status, rid, retryAfter);
    }
}
