package dev.berth.hub.device;

import dev.berth.hub.store.JdbcHubStore;
import dev.berth.protocol.hub.HubUsername;
import dev.berth.server.extension.ExtensionContext;
import dev.berth.server.extension.ServerExtension;
import dev.berth.server.mqtt.MqttConnection;
import dev.berth.server.store.JdbcBerthStore;
import io.vertx.ext.web.Router;
import java.util.Set;

/**
 * The smallest server extension that puts {@link HubDeviceSessions} on a real server's listeners, so the
 * sessions are tested over real TLS + MQTT without the hub facade. Service calls need the header
 * {@code Authorization: test-policy}.
 */
final class SessionsOnlyHubExtension implements ServerExtension {
    static final String AUTHORIZATION = "test-policy";
    private final Set<String> hubs;
    private JdbcHubStore store;
    private HubDeviceSessions sessions;

    SessionsOnlyHubExtension(Set<String> hubs) {
        this.hubs = hubs;
    }

    @Override
    public void start(ExtensionContext context) {
        store = JdbcHubStore.on((JdbcBerthStore) context.store(), context.clock());
        sessions = new HubDeviceSessions(context.vertx(), store, hubs, context.meters(), context.clock(), context.disconnector());
    }

    @Override
    public void mountRoutes(Router router) {
        sessions.mountRoutes(router, ctx -> {
            if (AUTHORIZATION.equals(ctx.request().getHeader("Authorization"))) {
                ctx.next();
            } else {
                HubHttpErrors.respond(ctx, 401, 401002, "IotHubUnauthorizedAccess", "test authorizer: wrong Authorization header");
            }
        });
    }

    @Override
    public boolean servesMqttUsername(String username) {
        return HubUsername.looksLikeHub(username);
    }

    @Override
    public void openMqttSession(MqttConnection connection) {
        sessions.open(connection);
    }

    @Override
    public void stop() {
    }

    JdbcHubStore store() {
        return store;
    }

    HubDeviceSessions sessions() {
        return sessions;
    }
}
