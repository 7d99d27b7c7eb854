package dev.berth.hub.api;

import dev.berth.hub.ConnectionStates;
import dev.berth.hub.DeviceNotifier;
import dev.berth.hub.store.HubStore;
import dev.berth.protocol.hub.HubErrorCode;
import dev.berth.server.api.JsonContentType;
import dev.berth.server.api.ServiceAuthorizer;
import dev.berth.server.api.ServiceResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.UUID;

/**
 * The hub's registry REST API (IoT Hub schema, protocol.md §7.9) on the server's shared HTTPS router:
 * {@code /devices}, {@code /devices/{id}}, {@code /twins/{id}}. Each call is authorised with the hub policy
 * SAS before its body is read, then run on a worker thread because the store blocks.
 */
public final class HubServiceApi {
    public static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String ROUTE_KEY = "berth.hub.route";

    private final ServiceAuthorizer authorizer;
    private final HubErrorResponder errors;
    private final DeviceResource devices;
    private final TwinResource twins;

    /** @param connected which devices have a live MQTT session (for {@code connectionState}) */
    public HubServiceApi(HubStore store, ServiceAuthorizer authorizer, DeviceNotifier notifier, ConnectionStates connected,
            MeterRegistry meters, Clock clock) {
        this.authorizer = authorizer;
        this.errors = new HubErrorResponder(meters, clock);
        this.devices = new DeviceResource(store, notifier, connected, clock);
        this.twins = new TwinResource(store, notifier, connected, clock);
    }

    public void mount(Router router) {
        BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setMergeFormAttributes(false);
        router.routeWithRegex(HubRoute.PATH_REGEX)
                .handler(this::admit)
                // After the synchronous admit on purpose: an unauthorised caller cannot make the hub buffer a body.
                .handler(bodyHandler::handle)
                .handler(this::dispatch)
                .failureHandler(this::fail);
    }

    /**
     * A handler that only checks the hub policy SAS, for other hub routes (methods, cloud-to-device, telemetry)
     * to put in front of their own: it answers 401 in the IoT Hub error shape or passes the request on.
     */
    public Handler<RoutingContext> authorizationHandler() {
        return ctx -> {
            try {
                authorize(ctx);
                ctx.next();
            } catch (RuntimeException e) {
                errors.respond(ctx, e);
            }
        };
    }

    /** The error responder, so other hub routes answer in the same shape. */
    public HubErrorResponder errors() {
        return errors;
    }

    private void admit(RoutingContext ctx) {
        ctx.response().putHeader("iothub-requestid", UUID.randomUUID().toString());
        try {
            authorize(ctx);
            ctx.put(ROUTE_KEY, HubRoute.parse(ctx.request().method(), ctx.request().path()));
            requireJsonContent(ctx);
            ctx.next();
        } catch (RuntimeException e) {
            if (e instanceof HubException h && h.code() == HubErrorCode.METHOD_NOT_ALLOWED) {
                ctx.response().putHeader("Allow", HubRoute.allowedMethods(ctx.request().path()));
            }
            errors.respond(ctx, e);
        }
    }

    private void authorize(RoutingContext ctx) {
        HostAndPort authority = ctx.request().authority();
        authorizer.authorize(ctx.request().getHeader("Authorization"), authority == null ? null : authority.host());
    }

    private void dispatch(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer != null && buffer.length() > MAX_BODY_BYTES) {
            errors.respond(ctx, tooLarge());
            return;
        }
        byte[] body = buffer == null ? null : buffer.getBytes();
        HubRoute route = ctx.get(ROUTE_KEY);
        String ifMatch = ctx.request().getHeader("If-Match");
        String top = ctx.queryParams().get("top");
        String continuation = ctx.request().getHeader("x-ms-continuation");
        ctx.vertx().executeBlocking(() -> handle(new HubRequest(route, HubJson.parse(body), ifMatch, top, continuation)), false)
                .onSuccess(response -> response.writeTo(ctx.response()))
                .onFailure(failure -> errors.respond(ctx, failure));
    }

    private ServiceResponse handle(HubRequest request) {
        return switch (request.route().operation()) {
            case DEVICE_LIST -> devices.list(request);
            case DEVICE_PUT -> devices.put(request);
            case DEVICE_GET -> devices.get(request);
            case DEVICE_DELETE -> devices.delete(request);
            case TWIN_GET -> twins.get(request);
            case TWIN_PATCH -> twins.patch(request);
            case TWIN_PUT -> twins.replace(request);
        };
    }

    private void fail(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            errors.respond(ctx, tooLarge());
        } else {
            errors.handleFailure(ctx);
        }
    }

    private static HubException tooLarge() {
        return new HubException(HubErrorCode.MESSAGE_TOO_LARGE, "the request body is larger than " + MAX_BODY_BYTES
                + " bytes, the most the hub API accepts");
    }

    private static void requireJsonContent(RoutingContext ctx) {
        JsonContentType.nonJsonBodyType(ctx.request()).ifPresent(type -> {
            throw new HubException(HubErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body is sent as '" + type
                    + "', but the hub API reads only JSON; send Content-Type: application/json");
        });
    }
}
