package dev.berth.hub.device;

/** A parsed {@code POST /twins/{id}/methods} body: the payload is the JSON bytes sent to the device. */
public record DirectMethodCall(String methodName, byte[] payload, int responseTimeoutSeconds, int connectTimeoutSeconds) {
}
