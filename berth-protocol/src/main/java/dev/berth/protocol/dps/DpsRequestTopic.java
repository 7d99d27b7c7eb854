package dev.berth.protocol.dps;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A topic a device publishes to on a provisioning session. Parsed in this one place; handlers switch
 * over the result.
 */
public sealed interface DpsRequestTopic {

    String REGISTER_PREFIX = "$dps/registrations/PUT/iotdps-register/";
    String POLL_PREFIX = "$dps/registrations/GET/iotdps-get-operationstatus/";

    /** The request ID the answer echoes so that the device can correlate it; empty if the topic carries none. */
    String rid();

    /** {@code $dps/registrations/PUT/iotdps-register/?$rid={rid}} */
    record Register(String rid) implements DpsRequestTopic {
    }

    /** {@code $dps/registrations/GET/iotdps-get-operationstatus/?$rid={rid}&operationId={id}} */
    record OperationStatus(String rid, String operationId) implements DpsRequestTopic {
    }

    /** A topic this server does not serve; {@code reason} says why, for the device and the log. */
    record Unknown(String topic, String reason) implements DpsRequestTopic {
        /** Whatever {@code $rid} the topic carries, wherever it is, so that even the refusal can be correlated. */
        @Override
        public String rid() {
            int at = topic == null ? -1 : topic.indexOf("$rid=");
            if (at < 0) {
                return "";
            }
            int end = topic.indexOf('&', at);
            return topic.substring(at + 5, end < 0 ? topic.length() : end);
        }
    }

    static DpsRequestTopic parse(String topic) {
        if (topic == null) {
            return new Unknown("", "no topic");
        }
        if (topic.startsWith(REGISTER_PREFIX)) {
            Map<String, String> query = query(topic.substring(REGISTER_PREFIX.length()));
            String rid = query.get("$rid");
            if (rid == null) {
                return new Unknown(topic, "the register topic has no $rid");
            }
            return new Register(rid);
        }
        if (topic.startsWith(POLL_PREFIX)) {
            Map<String, String> query = query(topic.substring(POLL_PREFIX.length()));
            String rid = query.get("$rid");
            String operationId = query.get("operationId");
            if (rid == null) {
                return new Unknown(topic, "the operation status topic has no $rid");
            }
            if (operationId == null || operationId.isEmpty()) {
                return new Unknown(topic, "the operation status topic has no operationId");
            }
            return new OperationStatus(rid, operationId);
        }
        return new Unknown(topic, "'" + topic + "' is not a provisioning topic; publish to "
                + REGISTER_PREFIX + "?$rid={rid} or " + POLL_PREFIX + "?$rid={rid}&operationId={operationId}");
    }

    /** The {@code $rid} values are opaque and echoed byte for byte, so nothing is decoded here. */
    private static Map<String, String> query(String tail) {
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

    static String register(String rid) {
        return REGISTER_PREFIX + "?$rid=" + rid;
    }

    static String operationStatus(String rid, String operationId) {
        return POLL_PREFIX + "?$rid=" + rid + "&operationId=" + operationId;
    }
}
