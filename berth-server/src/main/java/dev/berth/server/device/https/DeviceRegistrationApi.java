package dev.berth.server.device.https;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import dev.berth.server.api.HttpErrorResponder;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.attestation.DeviceAuthenticator;
import dev.berth.server.metrics.DpsMetrics;
import dev.berth.server.registration.DpsAnswer;
import dev.berth.server.registration.RegisterBodyParser;
import dev.berth.server.registration.RegistrationResults;
import dev.berth.server.registration.RegistrationService;
import dev.berth.server.store.RegistrationStore;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DPS device API over HTTPS (protocol.md §3) on the shared router: register, poll an operation, look up
 * a registration. Requests go through the same attestation and the same {@link RegistrationService} as MQTT;
 * only the mapping to HTTP lives here. Refusals leave through one {@link HttpErrorResponder} and are counted
 * as {@code berth.dps.refusals} with transport {@code https}.
 */
public final class DeviceRegistrationApi {
    public static final String TRANSPORT = "https";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistrationApi.class);
    private static final String ROUTE_KEY = "berth.device.route";
    private static final String JSON = "application/json; charset=utf-8";

    private final Supplier<String> idScope;
    private final DeviceAuthenticator authenticator;
    private final RegistrationService registrations;
    private final RegistrationStore registrationStore;
    private final HttpErrorResponder errors;

    private final WorkerExecutor registrationWorkers;

    public DeviceRegistrationApi(Supplier<String> idScope, DeviceAuthenticator authenticator, RegistrationService registrations,
            RegistrationStore registrationStore, DpsMetrics metrics, Clock clock, WorkerExecutor registrationWorkers) {
        this.registrationWorkers = registrationWorkers;
        this.idScope = idScope;
        this.authenticator = authenticator;
        this.registrations = registrations;
        this.registrationStore = registrationStore;
        this.errors = new HttpErrorResponder(code -> metrics.refused(code, TRANSPORT), clock);
    }

    /** Claims {@code /{idScope}/registrations/…}; mount it after the service API, whose paths it leaves alone. */
    public void mount(Router router) {
        BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(RegisterBodyParser.MAX_BODY_BYTES)
                .setMergeFormAttributes(false);
        router.routeWithRegex(DeviceApiRoute.PATH_REGEX)
                .handler(this::admit)
                // after the synchronous admit on purpose: a request without credentials is refused before its
                // body is read; the body handler refuses a Content-Length over the limit before reading too
                .handler(bodyHandler::handle)
                .handler(this::dispatch)
                .failureHandler(this::fail);
    }

    /** Before the body is read: request ID, path, api-version, ID scope and the presence of credentials. */
    private void admit(RoutingContext ctx) {
        ctx.response().putHeader("x-ms-request-id", UUID.randomUUID().toString());
        try {
            DeviceApiRoute route = DeviceApiRoute.parse(ctx.request().method(), ctx.request().path());
            DeviceApiVersions.require(apiVersion(ctx));
            if (!route.idScope().equalsIgnoreCase(idScope.get())) {
                throw new ProvisioningException(DpsErrorCode.ID_SCOPE_MISMATCH, "the ID scope '" + route.idScope()
                        + "' is not served here; use the ID scope that 'berth info' prints");
            }
            String authorization = ctx.request().getHeader("Authorization");
            if ((authorization == null || authorization.isBlank())
                    && DeviceAuthenticator.clientChain(ctx.request().sslSession()).isEmpty()) {
                throw new ProvisioningException(DpsErrorCode.UNAUTHORIZED, "no credentials: send a SharedAccessSignature token"
                        + " for the resource '" + route.idScope() + "/registrations/" + route.registrationId()
                        + "' in the Authorization header, or present the device's X.509 certificate in the TLS handshake");
            }
            ctx.put(ROUTE_KEY, route);
            ctx.next();
        } catch (RuntimeException e) {
            refuse(ctx, e);
        }
    }

    private void dispatch(RoutingContext ctx) {
        DeviceApiRoute route = ctx.get(ROUTE_KEY);
        String authorization = ctx.request().getHeader("Authorization");
        SSLSession tls = ctx.request().sslSession();
        Buffer buffer = ctx.body().buffer();
        byte[] body = buffer == null ? new byte[0] : buffer.getBytes();
        registrationWorkers.executeBlocking(() -> handle(route, authorization, tls, body), false)
                .onSuccess(answer -> write(ctx, route, answer))
                .onFailure(failure -> errors.respond(ctx, failure));
    }

    /** Blocking: the same attestation (SAS, else the TLS client certificate) and registration pipeline as over MQTT. */
    private DpsAnswer handle(DeviceApiRoute route, String authorization, SSLSession tls, byte[] body) {
        AuthenticatedDevice device = authenticator.authenticate(route.idScope(), route.registrationId(), authorization, tls);
        return switch (route.operation()) {
            case REGISTER -> registrations.register(device, RegisterBodyParser.parse(body, route.registrationId()));
            // pollers may send a body (Node sends "{}"); the operation ID is all a poll needs
            case OPERATION_STATUS -> registrations.operationStatus(route.registrationId(), route.operationId());
            case REGISTRATION_STATUS -> lookup(route.registrationId(), body);
        };
    }

    /** The status lookup answers the stored registration itself, not wrapped in an operation. */
    private DpsAnswer lookup(String registrationId, byte[] body) {
        RegisterBodyParser.parse(body, registrationId); // validates the DeviceRegistration body the SDKs send
        return registrationStore.findRegistration(registrationId)
                .map(r -> new DpsAnswer(200, RegistrationResults.toDeviceResult(r), OptionalInt.empty()))
                .orElseThrow(() -> new ProvisioningException(DpsErrorCode.REGISTRATION_NOT_FOUND, "registration '"
                        + registrationId + "' has not registered yet; PUT …/" + registrationId + "/register first"));
    }

    private static void write(RoutingContext ctx, DeviceApiRoute route, DpsAnswer answer) {
        HttpServerResponse response = ctx.response().setStatusCode(answer.status()).putHeader("content-type", JSON);
        answer.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Integer.toString(seconds)));
        if (answer.status() == 202) {
            response.putHeader("Location", registerUrl(ctx, route));
        }
        response.end(Json.write(answer.body()));
    }

    /** Real DPS points Location at the register URL (protocol.md §3.3); the poll uses the operation ID. */
    private static String registerUrl(RoutingContext ctx, DeviceApiRoute route) {
        HostAndPort authority = ctx.request().authority();
        String path = "/" + route.idScope() + "/registrations/" + route.registrationId() + "/register";
        if (authority == null) {
            return path;
        }
        return "https://" + authority.host() + (authority.port() > 0 && authority.port() != 443 ? ":" + authority.port() : "") + path;
    }

    private static String apiVersion(RoutingContext ctx) {
        try {
            return ctx.queryParams().get("api-version");
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(DpsErrorCode.BAD_REQUEST, "the query string is not validly percent-encoded: "
                    + e.getMessage());
        }
    }

    /** Failures Vert.x reports: the body handler's 413, or anything thrown past our own handlers. */
    private void fail(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException) {
            LOG.info("{} {} from {}: the client closed the connection before its request was complete", ctx.request().method(),
                    ctx.request().path(), ctx.request().remoteAddress());
            return;
        }
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            refuse(ctx, new ProvisioningException(DpsErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than "
                    + RegisterBodyParser.MAX_BODY_BYTES + " bytes (96 KB), the most a device request may carry"));
        } else {
            errors.handleFailure(ctx);
        }
    }

    private void refuse(RoutingContext ctx, RuntimeException refusal) {
        if (refusal instanceof ProvisioningException p && p.code() == DpsErrorCode.METHOD_NOT_ALLOWED) {
            String allowed = DeviceApiRoute.allowedMethod(ctx.request().path());
            if (allowed != null) {
                ctx.response().putHeader("Allow", allowed);
            }
        }
        errors.respond(ctx, refusal);
    }
}
