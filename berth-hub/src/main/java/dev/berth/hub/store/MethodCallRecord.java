package dev.berth.hub.store;

import java.time.Instant;

/**
 * A direct-method call handed between nodes: the calling node stores it, the node holding the device claims it,
 * calls the device and stores the outcome ({@link #ANSWERED}, {@link #TIMEOUT} or {@link #NOT_ONLINE}).
 */
public record MethodCallRecord(String callId, String deviceId, String methodName, byte[] payload, int responseTimeoutSeconds,
        String callerNode, Instant createdAt, Instant claimDeadline, String claimedBy, String outcome, Integer answerStatus,
        byte[] answerPayload) {
    public static final String ANSWERED = "answered";
    public static final String TIMEOUT = "timeout";
    public static final String NOT_ONLINE = "not_online";
    /** {@code claimedBy} of a call the caller gave up on before any node claimed it */
    public static final String ABANDONED = "(abandoned)";

    public static MethodCallRecord newCall(String callId, String deviceId, String methodName, byte[] payload, int responseTimeoutSeconds,
            String callerNode, Instant createdAt, Instant claimDeadline) {
        return new MethodCallRecord(callId, deviceId, methodName, payload, responseTimeoutSeconds, callerNode, createdAt, claimDeadline,
                null, null, null, null);
    }
}
