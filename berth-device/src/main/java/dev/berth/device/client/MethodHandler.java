package dev.berth.device.client;

/**
 * Answers one direct method. It runs on the client's callback thread (one at a time, in arrival order);
 * an exception becomes a {@code 500} answer carrying its message.
 */
@FunctionalInterface
public interface MethodHandler {

    /**
     * @param payloadJson the request payload as the service sent it (JSON text; empty when there was none)
     */
    MethodResult handle(String payloadJson) throws Exception;
}
