package dev.berth.hub.device;

import dev.berth.protocol.hub.HubTopics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.TimeoutException;

/**
 * Calls a direct method on a device connected to this node: publishes {@code $iothub/methods/POST/{name}/?$rid=}
 * and waits for the answer with that rid. Serves both a REST call that arrived here and one handed over by
 * another node.
 */
final class LocalMethodInvoker {
    private final HubSessionContext context;

    LocalMethodInvoker(HubSessionContext context) {
        this.context = context;
    }

    Future<MethodOutcome> invoke(DeviceSession session, String methodName, byte[] payload, int responseTimeoutSeconds) {
        Promise<MethodOutcome> outcome = Promise.promise();
        session.run(() -> send(session, methodName, payload, responseTimeoutSeconds, outcome));
        return outcome.future();
    }

    private void send(DeviceSession session, String methodName, byte[] payload, int responseTimeoutSeconds, Promise<MethodOutcome> outcome) {
        String deviceId = session.deviceId();
        String rid = context.methods().nextRid();
        long timeoutMillis = responseTimeoutSeconds * 1000L;
        context.methods().expect(context.vertx(), deviceId, rid, timeoutMillis).onComplete(answer -> {
            if (answer.succeeded()) {
                outcome.tryComplete(MethodOutcome.answered(answer.result().status(), answer.result().payload()));
            } else if (answer.cause() instanceof TimeoutException) {
                outcome.tryComplete(MethodOutcome.timeout("device '" + deviceId + "' did not answer method '" + methodName + "' within "
                        + responseTimeoutSeconds + " s"));
            }
        });
        session.send(HubTopics.methodRequest(methodName, rid), payload, "method request").onFailure(e -> {
            if (!(e instanceof NotSubscribedException)) {
                return; // a QoS 1 request that never got its PUBACK still waits for the answer or the time-out
            }
            context.methods().abandon(deviceId, rid);
            outcome.tryComplete(MethodOutcome.notOnline("device '" + deviceId + "' went offline"));
        });
    }
}
