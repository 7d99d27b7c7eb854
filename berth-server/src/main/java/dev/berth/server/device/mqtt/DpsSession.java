package dev.berth.server.device.mqtt;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsRequestTopic;
import dev.berth.protocol.dps.DpsResponseTopic;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.registration.DpsAnswer;
import dev.berth.server.registration.RegisterBodyParser;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import dev.berth.server.mqtt.InboundPublish;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.mqtt.SubscribeRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provisioning connection. Requests are handled one at a time, in order, and each gets exactly one
 * answer on {@code $dps/registrations/res/…} at QoS 1 after its PUBACK (the official Java SDK ignores
 * {@code $rid} and takes the next message as the answer). A connection whose credentials were refused is
 * kept open briefly so that its requests can be answered with the reason, then closed.
 */
final class DpsSession {
    private static final Logger LOG = LoggerFactory.getLogger(DpsSession.class);

    private final MqttConnection connection;
    private final DpsMqttContext context;
    private final String registrationId;
    private final boolean officialJavaSdk;
    private AuthenticatedDevice device;
    private ProvisioningException refusal;
    private MqttQoS grantedQos;
    private Future<Void> queue = Future.succeededFuture();

    DpsSession(MqttConnection connection, DpsMqttContext context, DpsUsername username) {
        this.connection = connection;
        this.context = context;
        this.registrationId = username == null ? connection.clientId() : username.registrationId();
        this.officialJavaSdk = username != null && username.isOfficialJavaSdk();
    }

    String transportKind() {
        return connection.transportKind();
    }

    String registrationIdForLog() {
        return registrationId;
    }

    /** Accepts the connection as authenticated, or as refused with the reason its requests will get. */
    void accept(AuthenticatedDevice device, ProvisioningException refusal) {
        this.device = device;
        this.refusal = refusal;
        connection.subscribeHandler(this::onSubscribe);
        connection.publishHandler(this::onPublish);
        connection.closeHandler(v -> context.sessions().remove(registrationId, this));
        connection.accept();
        if (refusal == null) {
            // only a device that proved who it is may replace an existing connection of that registration ID
            DpsSession replaced = context.sessions().register(registrationId, this);
            if (replaced != null && replaced != this) {
                context.disconnector().disconnect(replaced.connection, "session_taken_over",
                        "a new connection for registration ID '" + registrationId + "' replaced this one");
            }
        } else {
            context.vertx().setTimer(context.settings().refusedSessionLinger().toMillis(), t -> context.disconnector()
                    .disconnect(connection, "refused_session_timeout", "credentials were refused and the device sent no request to explain it to"));
        }
    }

    private void onSubscribe(SubscribeRequest message) {
        List<MqttQoS> granted = new ArrayList<>();
        for (SubscribeRequest.Subscription subscription : message.subscriptions()) {
            if (DpsResponseTopic.SUBSCRIPTION.equals(subscription.topicFilter())) {
                MqttQoS qos = subscription.qos() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                grantedQos = qos;
                granted.add(qos);
            } else {
                LOG.warn("Refused subscription '{}' of registration '{}': provisioning sessions can only subscribe to {}",
                        subscription.topicFilter(), registrationId, DpsResponseTopic.SUBSCRIPTION);
                context.metrics().refused(DpsErrorCode.BAD_REQUEST, connection.transportKind());
                granted.add(MqttQoS.FAILURE);
            }
        }
        connection.subscribeAcknowledge(message.messageId(), granted);
    }

    private void onPublish(InboundPublish message) {
        if (message.qos() == MqttQoS.EXACTLY_ONCE) {
            context.disconnector().disconnect(connection, "qos2_publish", "published at QoS 2, which provisioning does not support");
            return;
        }
        if (message.qos() == MqttQoS.AT_LEAST_ONCE) {
            connection.publishAcknowledge(message.messageId());
        }
        String topic = message.topic();
        byte[] body = message.payload();
        queue = queue.transform(ignored -> handle(topic, body)).transform(ignored -> Future.succeededFuture());
    }

    private Future<Void> handle(String topic, byte[] body) {
        DpsRequestTopic request = DpsRequestTopic.parse(topic);
        String rid = request.rid();
        if (request instanceof DpsRequestTopic.Unknown unknown) {
            return answer(rid, refuse(new ProvisioningException(DpsErrorCode.BAD_REQUEST, unknown.reason())));
        }
        if (refusal != null) {
            return answer(rid, DpsAnswer.refusal(refusal, context.clock().instant())).onComplete(done -> context.vertx().setTimer(1000, t -> context.disconnector()
                    .disconnect(connection, "refused_" + refusal.code().reason(), "credentials refused: " + refusal.clientMessage())));
        }
        Future<DpsAnswer> answer = context.registrationWorkers().executeBlocking(() -> {
            try {
                if (request instanceof DpsRequestTopic.Register) {
                    return context.registrations().register(device, RegisterBodyParser.parse(body, registrationId));
                }
                return context.registrations().operationStatus(registrationId, ((DpsRequestTopic.OperationStatus) request).operationId());
            } catch (ProvisioningException e) {
                return refuse(e);
            } catch (RuntimeException e) {
                ProvisioningException internal = new ProvisioningException(DpsErrorCode.INTERNAL_ERROR,
                        "the server failed to handle this request; it was logged with this trackingId", e.toString(), e);
                LOG.error("Request '{}' of registration '{}' failed (trackingId={})", topic, registrationId, internal.trackingId(), e);
                return refuse(internal);
            }
        }, false);
        return answer.compose(a -> answer(rid, a));
    }

    private DpsAnswer refuse(ProvisioningException e) {
        LOG.warn("Refused request of registration '{}' from {}: {} [{} {}] (trackingId={})", registrationId,
                connection.remoteAddress(), e.logMessage(), e.code().code(), e.code().reason(), e.trackingId());
        context.metrics().refused(e.code(), connection.transportKind());
        return DpsAnswer.refusal(e, context.clock().instant());
    }

    private Future<Void> answer(String rid, DpsAnswer answer) {
        if (grantedQos == null) {
            LOG.warn("Registration '{}' published before subscribing to {}; its answer (status {}) cannot be delivered",
                    registrationId, DpsResponseTopic.SUBSCRIPTION, answer.status());
            return Future.succeededFuture();
        }
        String topic = new DpsResponseTopic(answer.status(), rid, answer.retryAfterSeconds()).format();
        byte[] payload = Json.write(answer.body()).getBytes(StandardCharsets.UTF_8);
        long delay = officialJavaSdk ? context.settings().officialJavaSdkAnswerDelay().toMillis() : 0;
        Promise<Void> sent = Promise.promise();
        Runnable publish = () -> {
            connection.publish(topic, payload, grantedQos);
            sent.complete();
        };
        if (delay > 0) {
            context.vertx().setTimer(delay, t -> publish.run());
        } else {
            publish.run();
        }
        return sent.future();
    }
}
