package dev.berth.app.bench;

/**
 * What one simulated device saw.
 *
 * @param totalNanos       from the start of its attempt (before the TLS connect) to its final answer or failure
 * @param firstAnswerNanos from the same start to the first answer to its request (the {@code 202} for Berth), or -1 if unknown
 * @param failure          null when it succeeded; else the DPS error code or the client's failure reason
 */
public record Sample(long totalNanos, long firstAnswerNanos, String failure) {

    public static Sample succeeded(long totalNanos, long firstAnswerNanos) {
        return new Sample(totalNanos, firstAnswerNanos, null);
    }

    public static Sample failed(long totalNanos, long firstAnswerNanos, String failure) {
        return new Sample(totalNanos, firstAnswerNanos, failure == null ? "unknown" : failure);
    }

    public boolean ok() {
        return failure == null;
    }
}
