package dev.berth.device.client;

/**
 * A device's answer to a direct method: a status (200 for success by convention) and a JSON payload that
 * the hub passes to the caller unchanged.
 *
 * @param status      the status the service caller sees, e.g. 200, 400, 500
 * @param jsonPayload JSON text, or null for an empty answer
 */
public record MethodResult(int status, String jsonPayload) {

    public static MethodResult ok(String jsonPayload) {
        return new MethodResult(200, jsonPayload);
    }
}
