package dev.berth.server.device.mqtt;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsUsername;
import dev.berth.server.ProvisioningException;
import dev.berth.server.attestation.DeviceAuthenticator;
import dev.berth.server.extension.ServerExtension;
import dev.berth.server.metrics.DpsMetrics;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.mqtt.MqttDisconnector;
import dev.berth.server.mqtt.MqttTransport;
import dev.berth.server.mqtt.TcpMqttTransport;
import dev.berth.server.registration.RegistrationService;
import dev.berth.server.tls.ClientCertificateRequest;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT/TLS listener (8883 by default). Each connection gets an {@link MqttConnection} (Netty's MQTT
 * codec); the CONNECT username tells a provisioning session ({@code {idScope}/registrations/{regId}/…})
 * from other kinds, and credentials are checked off the event loop before the CONNACK.
 */
public final class MqttListener {
    private static final Logger LOG = LoggerFactory.getLogger(MqttListener.class);
    /** Room for the hub's 256 KB messages plus headers; provisioning itself refuses bodies over 96 KB with an answer. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 + 4096;
    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;

    private final Vertx vertx;
    private final DpsMqttContext context;
    private final List<ServerExtension> extensions;
    private NetServer server;

    public MqttListener(Vertx vertx, Supplier<String> idScope, DeviceAuthenticator authenticator, RegistrationService registrations,
            DpsMetrics metrics, Clock clock, DpsMqttSettings settings, List<ServerExtension> extensions,
            io.vertx.core.WorkerExecutor registrationWorkers) {
        this.vertx = vertx;
        this.extensions = List.copyOf(extensions);
        this.context = new DpsMqttContext(vertx, registrationWorkers, idScope, authenticator, registrations, metrics, clock, settings,
                new SessionRegistry(), new MqttDisconnector(metrics.registry()));
    }

    public Future<Integer> start(String host, int port, KeyCertOptions serverCertificate) {
        NetServerOptions options = ClientCertificateRequest.apply(new NetServerOptions().setHost(host).setPort(port).setSsl(true)
                .setKeyCertOptions(serverCertificate).setTcpNoDelay(true));
        options.setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
        server = vertx.createNetServer(options)
                .connectHandler(socket -> accept(new TcpMqttTransport(socket)))
                .exceptionHandler(e -> LOG.debug("MQTT listener: a connection failed before it was established: {}", e.toString()));
        return server.listen().map(NetServer::actualPort);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Serves one MQTT byte stream (TLS socket or WebSocket). */
    public void accept(MqttTransport transport) {
        MqttConnection connection = new MqttConnection(vertx, transport, MAX_MESSAGE_BYTES, context.disconnector());
        connection.connectHandler(connect -> onConnect(connection));
        connection.expectConnectWithin(CONNECT_TIMEOUT_MILLIS);
    }

    private void onConnect(MqttConnection connection) {
        String username = connection.username();
        for (ServerExtension extension : extensions) {
            if (extension.servesMqttUsername(username)) {
                extension.openMqttSession(connection);
                return;
            }
        }
        if (!DpsUsername.looksLikeProvisioning(username)) {
            context.metrics().refused(DpsErrorCode.BAD_REQUEST, connection.transportKind());
            connection.reject(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD, "unknown_username",
                    "username '" + username + "' is not a provisioning username '{idScope}/registrations/{registrationId}/api-version=…'");
            return;
        }
        DpsUsername parsed;
        try {
            parsed = DpsUsername.parse(username);
        } catch (IllegalArgumentException e) {
            refuse(new DpsSession(connection, context, null), new ProvisioningException(DpsErrorCode.BAD_REQUEST, e.getMessage()));
            return;
        }
        DpsSession session = new DpsSession(connection, context, parsed);
        if (!parsed.registrationId().equalsIgnoreCase(connection.clientId())) {
            refuse(session, new ProvisioningException(DpsErrorCode.CLIENT_ID_MISMATCH, "the MQTT client ID '" + connection.clientId()
                    + "' must equal the registration ID '" + parsed.registrationId() + "' of the username"));
            return;
        }
        if (!parsed.idScope().equalsIgnoreCase(context.idScope().get())) {
            refuse(session, new ProvisioningException(DpsErrorCode.ID_SCOPE_MISMATCH, "the ID scope '" + parsed.idScope()
                    + "' is not served here; use the ID scope that 'berth info' prints"));
            return;
        }
        String password = connection.password();
        javax.net.ssl.SSLSession tls = connection.sslSession();
        vertx.executeBlocking(() -> context.authenticator().authenticate(parsed.idScope(), parsed.registrationId(), password, tls), false)
                .onComplete(ar -> {
                    if (!connection.isOpen()) {
                        return;
                    }
                    if (ar.succeeded()) {
                        LOG.debug("Registration '{}' connected from {} ({})", parsed.registrationId(), connection.remoteAddress(),
                                ar.result().match().describe());
                        session.accept(ar.result(), null);
                    } else if (ar.cause() instanceof ProvisioningException e) {
                        refuse(session, e);
                    } else {
                        LOG.error("Authenticating registration '{}' failed", parsed.registrationId(), ar.cause());
                        refuse(session, new ProvisioningException(DpsErrorCode.INTERNAL_ERROR,
                                "the server could not check the credentials; try again later", ar.cause().toString(), ar.cause()));
                    }
                });
    }

    private void refuse(DpsSession session, ProvisioningException refusal) {
        LOG.warn("Refused credentials of MQTT client '{}': {} [{} {}] (trackingId={})", session.registrationIdForLog(),
                refusal.logMessage(), refusal.code().code(), refusal.code().reason(), refusal.trackingId());
        context.metrics().refused(refusal.code(), session.transportKind());
        session.accept(null, refusal);
    }
}
