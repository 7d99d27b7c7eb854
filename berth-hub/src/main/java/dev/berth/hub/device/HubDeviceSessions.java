package dev.berth.hub.device;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.hub.ConnectionStates;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.DeviceRecord;
import dev.berth.hub.store.HubStore;
import dev.berth.hub.store.TelemetryMessage;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.mqtt.MqttDisconnector;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT device endpoint: authenticates hub CONNECTs, keeps one session per device (a new
 * connection replaces the old), tells connected devices about service-side changes, and serves the
 * device-facing service calls (direct methods, cloud-to-device, the live telemetry stream). Sessions live on
 * this node; what concerns devices on other nodes goes through the {@link ClusterLink}. See docs/hub-device.md
 * and docs/hub.md ("Several hub nodes").
 */
public final class HubDeviceSessions implements DeviceNotifier, ConnectionStates {
    private static final Logger LOG = LoggerFactory.getLogger(HubDeviceSessions.class);
    private static final Duration ALLOWED_CLOCK_SKEW = Duration.ofSeconds(60);

    private final Vertx vertx;
    private final Set<String> hubHostNames;
    private final HubSessionContext context;
    private final HubConnectAuthenticator authenticator;
    private final LocalMethodInvoker methodInvoker;

    public HubDeviceSessions(Vertx vertx, HubStore store, Set<String> hubHostNames, MeterRegistry meters, Clock clock,
            MqttDisconnector disconnector) {
        this(vertx, store, hubHostNames, meters, clock, disconnector, ClusterLink.SINGLE_NODE);
    }

    public HubDeviceSessions(Vertx vertx, HubStore store, Set<String> hubHostNames, MeterRegistry meters, Clock clock,
            MqttDisconnector disconnector, ClusterLink cluster) {
        this.vertx = vertx;
        this.hubHostNames = hubHostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        ConnectedDevices devices = new ConnectedDevices();
        this.context = new HubSessionContext(vertx, store, clock, new HubDeviceMetrics(meters, devices::size), disconnector,
                devices, new StoredSubscriptions(store), new MethodCalls(), new TelemetryFeed(cluster::telemetryFollowersChanged),
                cluster);
        this.authenticator = new HubConnectAuthenticator(store, clock, ALLOWED_CLOCK_SKEW);
        this.methodInvoker = new LocalMethodInvoker(context);
    }

    /** What the worker found out about a CONNECT: the identity and the subscriptions a clean-session=0 device gets back. */
    private record Admission(DeviceRecord device, Map<String, MqttQoS> restored) {
    }

    /** Takes over a connection whose CONNECT (with a hub username) arrived; answers CONNACK once credentials are checked. */
    public void open(MqttConnection connection) {
        HubUsername username;
        try {
            username = HubUsername.parse(connection.username());
        } catch (IllegalArgumentException e) {
            refuse(connection, ConnectRefusal.badCredentials("malformed_username", e.getMessage()));
            return;
        }
        if (!hubHostNames.contains(username.hubHostName().toLowerCase(Locale.ROOT))) {
            refuse(connection, ConnectRefusal.notAuthorized("unknown_hub", "the hub '" + username.hubHostName()
                    + "' in the username is not served here; served hubs: " + hubHostNames));
            return;
        }
        if (username.moduleId() != null) {
            refuse(connection, ConnectRefusal.notAuthorized("modules_not_supported", "module identities ('"
                    + username.moduleId() + "') are not served; connect as the device"));
            return;
        }
        if (!username.deviceId().equals(connection.clientId())) {
            refuse(connection, ConnectRefusal.identifierRejected("client_id_mismatch", "the MQTT client ID '" + connection.clientId()
                    + "' must equal the device ID '" + username.deviceId() + "' of the username"));
            return;
        }
        io.vertx.core.Context eventLoop = vertx.getOrCreateContext();
        String password = connection.password();
        SSLSession tls = connection.sslSession();
        String sessionId = UUID.randomUUID().toString();
        boolean cleanSession = connection.cleanSession();
        vertx.executeBlocking(() -> admit(username, password, tls, sessionId, cleanSession), false).onComplete(ar -> {
            if (!connection.isOpen()) {
                if (ar.succeeded()) {
                    context.cluster().deviceDisconnected(username.deviceId(), sessionId);
                }
                return;
            }
            if (ar.succeeded()) {
                startSession(connection, ar.result(), sessionId, eventLoop, twinAnswerDelay(username));
            } else if (ar.cause() instanceof ConnectRefusal refusal) {
                refuse(connection, refusal);
            } else {
                LOG.error("Checking the credentials of device '{}' failed", username.deviceId(), ar.cause());
                refuse(connection, ConnectRefusal.serverUnavailable("internal_error", ar.cause().toString()));
            }
        });
    }

    /**
     * The official Java device SDK (iot-device-client 2.x) keeps its pending twin requests in an unsynchronised map
     * that its receiving thread reads; an answer that comes back within a millisecond was seen to be lost (a 60 s
     * getTwin time-out, once in about fifty runs). Real IoT Hub answers in tens of milliseconds, so answers to that
     * client are held briefly, as provisioning does for the Java provisioning SDK.
     */
    static Duration twinAnswerDelay(HubUsername username) {
        return username.isOfficialJavaSdk() ? OFFICIAL_JAVA_SDK_TWIN_DELAY : Duration.ZERO;
    }

    private static final Duration OFFICIAL_JAVA_SDK_TWIN_DELAY = Duration.ofMillis(30);

    /** On a worker: checks the credentials, restores or discards the stored subscriptions, records the presence. */
    private Admission admit(HubUsername username, String password, SSLSession tls, String sessionId, boolean cleanSession) {
        DeviceRecord device = authenticator.authenticate(username, password, tls);
        Map<String, MqttQoS> restored = context.storedSubscriptions().find(device.deviceId());
        if (cleanSession && !restored.isEmpty()) {
            context.storedSubscriptions().forget(device.deviceId());
            restored = Map.of();
        }
        context.cluster().deviceConnecting(device.deviceId(), sessionId);
        return new Admission(device, restored);
    }

    private void startSession(MqttConnection connection, Admission admission, String sessionId, io.vertx.core.Context eventLoop,
            Duration twinAnswerDelay) {
        DeviceRecord device = admission.device();
        String deviceId = device.deviceId();
        Map<String, MqttQoS> restored = admission.restored();
        DeviceSession session = new DeviceSession(context, connection, deviceId, sessionId, eventLoop, twinAnswerDelay);
        DeviceSession replaced = context.devices().register(session);
        if (replaced != null && replaced != session) {
            replaced.run(() -> replaced.close("connection_replaced", "a new connection of the same device replaced this one"));
        }
        LOG.info("Device '{}' connected from {} over {} ({}, clean session {}, {} restored subscriptions)", deviceId,
                connection.remoteAddress(), connection.transportKind(), device.authenticationType(), connection.cleanSession(),
                restored.size());
        session.start(restored, !restored.isEmpty());
    }

    /** The disconnector logs the refusal with its reason ({@code hub_…}) and detail; the metric counts it by reason. */
    private void refuse(MqttConnection connection, ConnectRefusal refusal) {
        context.metrics().refused(refusal.reason());
        connection.reject(refusal.code(), "hub_" + refusal.reason(), "hub CONNECT refused with CONNACK " + refusal.code().byteValue()
                + " (" + refusal.code() + "): " + refusal.getMessage());
    }

    /** Whether the device has an open session on this node (the registry's {@code connectionState}). */
    @Override
    public boolean isConnected(String deviceId) {
        DeviceSession session = context.devices().find(deviceId);
        return session != null && session.isOpen();
    }

    /** Of these devices, the ones with an open session on this node. */
    @Override
    public Set<String> connected(Collection<String> deviceIds) {
        return deviceIds.stream().filter(this::isConnected).collect(Collectors.toSet());
    }

    @Override
    public void desiredPropertiesChanged(String deviceId, ObjectNode patch) {
        DeviceSession session = context.devices().find(deviceId);
        if (session != null) {
            ObjectNode copy = patch.deepCopy();
            session.run(() -> session.notifyDesired(copy));
        }
    }

    @Override
    public void cloudToDeviceMessageQueued(String deviceId) {
        DeviceSession session = context.devices().find(deviceId);
        if (session != null) {
            session.pumpCloudToDevice();
        }
    }

    @Override
    public void deviceRevoked(String deviceId, String reason) {
        vertx.executeBlocking(() -> {
            context.storedSubscriptions().forget(deviceId);
            return null;
        }, false).onFailure(e -> LOG.warn("Could not forget the stored subscriptions of revoked device '{}': {}", deviceId, e.toString()));
        closeRevokedSession(deviceId, reason);
    }

    /** Closes the device's session here; the node that revoked it has already forgotten its stored subscriptions. */
    public void closeRevokedSession(String deviceId, String reason) {
        DeviceSession session = context.devices().find(deviceId);
        if (session != null) {
            session.run(() -> session.close("device_revoked", reason));
        }
    }

    /** Closes the device's session here if it is the given one (a newer connection on another node replaced it). */
    public void closeSession(String deviceId, String sessionId, String reason, String detail) {
        DeviceSession session = context.devices().find(deviceId);
        if (session != null && session.sessionId().equals(sessionId)) {
            session.run(() -> session.close(reason, detail));
        }
    }

    /** Whether the device is connected here and subscribed to direct methods. */
    public boolean receivesMethods(String deviceId) {
        DeviceSession session = context.devices().find(deviceId);
        return session != null && session.receivesMethods();
    }

    /** Calls a direct method on a device connected here (a call another node handed over). */
    public Future<MethodOutcome> callConnected(String deviceId, String methodName, byte[] payload, int responseTimeoutSeconds) {
        DeviceSession session = context.devices().find(deviceId);
        if (session == null || !session.receivesMethods()) {
            return Future.succeededFuture(MethodOutcome.notOnline("device '" + deviceId
                    + "' left this node or unsubscribed from $iothub/methods/POST/# before the call reached it"));
        }
        return methodInvoker.invoke(session, methodName, payload, responseTimeoutSeconds);
    }

    /** Telemetry another node stored, for this node's live followers. */
    public void relayTelemetry(TelemetryMessage message) {
        context.telemetry().stored(message);
    }


    /**
     * Mounts {@code POST /twins/{id}/methods}, {@code POST /devices/{id}/messages/devicebound} and
     * {@code GET /telemetry/stream}. Each request passes {@code authorizer} first, which must call
     * {@code next()} synchronously for an authorised caller (the body is read after it) or end the response.
     */
    public void mountRoutes(Router router, Handler<RoutingContext> authorizer) {
        mountRoutes(router, authorizer, this);
    }

    /** As above; a queued cloud-to-device message is announced through {@code notifier} (which knows the other nodes). */
    public void mountRoutes(Router router, Handler<RoutingContext> authorizer, DeviceNotifier notifier) {
        new MethodInvocationRoute(context, methodInvoker).mount(router, authorizer);
        new CloudToDeviceRoute(context, notifier).mount(router, authorizer);
        new TelemetryStreamRoute(context).mount(router, authorizer);
    }

    /** As {@link #mountRoutes(Router, Handler)} with no hub policy to check: every call is refused with 401. */
    public void mountRoutes(Router router) {
        mountRoutes(router, ctx -> HubHttpErrors.respond(ctx, 401, 401002, "IotHubUnauthorizedAccess",
                "no hub service policy is configured for these routes"));
    }
}
