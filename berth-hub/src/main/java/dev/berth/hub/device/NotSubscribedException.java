package dev.berth.hub.device;

/**
 * The device has no subscription matching a topic the hub wanted to publish to (it unsubscribed, or its session
 * ended and a new one has not subscribed yet): nothing was sent.
 */
final class NotSubscribedException extends RuntimeException {
    NotSubscribedException(String deviceId, String topic) {
        super("device '" + deviceId + "' is not subscribed to a filter matching '" + topic + "'", null, false, false);
    }
}
