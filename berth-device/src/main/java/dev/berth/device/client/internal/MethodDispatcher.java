package dev.berth.device.client.internal;

import dev.berth.device.client.MethodHandler;
import dev.berth.device.client.MethodResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct method handlers by name. An unknown method is answered {@code 404} and a failing handler
 * {@code 500}, each with a JSON message, so the service caller learns why instead of waiting for a time-out.
 */
public final class MethodDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MethodDispatcher.class);

    private final String deviceId;
    private final Map<String, MethodHandler> handlers = new ConcurrentHashMap<>();

    public MethodDispatcher(String deviceId) {
        this.deviceId = deviceId;
    }

    public void register(String methodName, MethodHandler handler) {
        if (methodName == null || methodName.isEmpty() || methodName.contains("/")) {
            throw new IllegalArgumentException("a method name must be non-empty and contain no '/': '" + methodName + "'");
        }
        handlers.put(methodName, java.util.Objects.requireNonNull(handler, "handler"));
    }

    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    public MethodResult dispatch(String methodName, String payloadJson) {
        MethodHandler handler = handlers.get(methodName);
        if (handler == null) {
            return new MethodResult(404, TwinDocuments.errorBody("method '" + methodName
                    + "' is not implemented by device '" + deviceId + "'"));
        }
        try {
            MethodResult result = handler.handle(payloadJson);
            if (result == null) {
                return new MethodResult(500, TwinDocuments.errorBody("the handler of method '" + methodName + "' returned no result"));
            }
            return result;
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.warn("device {}: the handler of method '{}' failed", deviceId, methodName, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new MethodResult(500, TwinDocuments.errorBody("method '" + methodName + "' failed: " + message));
        }
    }
}
