package dev.berth.server.api;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.server.ProvisioningException;
import dev.berth.server.allocation.LinkedHubs;
import dev.berth.server.store.BerthStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * The DPS service API (Azure schema, protocol.md §5) on a shared router: enrollments, enrollment groups,
 * registration states and CA certificates under {@code /enrollments}, {@code /enrollmentGroups},
 * {@code /registrations} and {@code /certificates}, matched case-insensitively. Each call is authorised, checked and then run on a worker thread, because the store blocks.
 */
public final class ServiceApi {
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final String REFUSALS_METRIC = "berth.service.refusals";
    private static final String ROUTE_KEY = "berth.service.route";

    private final ServiceAuthorizer authorizer;
    private final HttpErrorResponder errors;
    private final EnrollmentResource enrollmentResource;
    private final GroupResource groupResource;
    private final RegistrationResource registrationResource;
    private final CaCertificateResource certificateResource;
    private final BulkOperations bulk = new BulkOperations();

    public ServiceApi(BerthStore store, ServiceAuthorizer authorizer, LinkedHubs linkedHubs, MeterRegistry meters, Clock clock) {
        this.authorizer = authorizer;
        this.errors = new HttpErrorResponder(meters, REFUSALS_METRIC, clock);
        SecureRandom random = new SecureRandom();
        EnrollmentValidator validator = new EnrollmentValidator(
                new AttestationRules(random, new X509AttestationRules(store, store, clock)), new HubSelection(linkedHubs));
        this.enrollmentResource = new EnrollmentResource(store, store, validator);
        this.groupResource = new GroupResource(store, validator);
        this.registrationResource = new RegistrationResource(store);
        this.certificateResource = new CaCertificateResource(store, store, random, clock);
    }

    /** Claims only the service API's paths, so the router can carry other APIs beside it. */
    public void mount(Router router) {
        BodyHandler bodyHandler = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setMergeFormAttributes(false);
        router.routeWithRegex(ServiceRoute.PATH_REGEX)
                .handler(this::admit)
                // Vert.x wants body handlers first; ours runs after the synchronous admit on purpose, so that a
                // caller without a valid token cannot make the server buffer a body. No event-loop turn passes
                // between the two, so no body bytes can be missed.
                .handler(bodyHandler::handle)
                .handler(this::dispatch)
                .failureHandler(this::fail);
    }

    /** Before the body is read: request ID, authorisation, route, api-version and content type. */
    private void admit(RoutingContext ctx) {
        ctx.response().putHeader("x-ms-request-id", UUID.randomUUID().toString());
        try {
            HostAndPort authority = ctx.request().authority();
            authorizer.authorize(ctx.request().getHeader("Authorization"), authority == null ? null : authority.host());
            ctx.put(ROUTE_KEY, ServiceRoute.parse(ctx.request().method(), ctx.request().path()));
            ApiVersions.require(ctx.queryParams().get("api-version"));
            requireJsonContent(ctx);
            ctx.next();
        } catch (RuntimeException e) {
            refuse(ctx, e);
        }
    }

    private void dispatch(RoutingContext ctx) {
        Buffer buffer = ctx.body().buffer();
        if (buffer != null && buffer.length() > MAX_BODY_BYTES) {
            refuse(ctx, tooLarge()); // a BodyHandler mounted earlier without our limit read it all
            return;
        }
        byte[] body = buffer == null ? null : buffer.getBytes();
        ServiceRoute route = ctx.get(ROUTE_KEY);
        String ifMatch;
        try {
            ifMatch = Preconditions.ifMatchOf(ctx.request().method(), ctx.request().getHeader("If-Match"),
                    ctx.request().getHeader("If-None-Match"));
        } catch (ProvisioningException e) {
            refuse(ctx, e);
            return;
        }
        String maxItems = ctx.request().getHeader("x-ms-max-item-count");
        String continuation = ctx.request().getHeader("x-ms-continuation");
        ctx.vertx().executeBlocking(
                () -> handle(new ServiceRequest(route, RequestJson.parse(body), ifMatch, maxItems, continuation)), false)
                .onSuccess(response -> response.writeTo(ctx.response()))
                .onFailure(failure -> errors.respond(ctx, failure));
    }

    private ServiceResponse handle(ServiceRequest request) {
        return switch (request.route().operation()) {
            case ENROLLMENT_PUT -> enrollmentResource.put(request);
            case ENROLLMENT_GET -> enrollmentResource.get(request);
            case ENROLLMENT_DELETE -> enrollmentResource.delete(request);
            case ENROLLMENT_ATTESTATION -> enrollmentResource.attestationMechanism(request);
            case ENROLLMENT_QUERY -> enrollmentResource.query(request);
            case ENROLLMENT_BULK -> bulk.run(request, enrollmentResource.bulkKind());
            case GROUP_PUT -> groupResource.put(request);
            case GROUP_GET -> groupResource.get(request);
            case GROUP_DELETE -> groupResource.delete(request);
            case GROUP_ATTESTATION -> groupResource.attestationMechanism(request);
            case GROUP_QUERY -> groupResource.query(request);
            case GROUP_BULK -> bulk.run(request, groupResource.bulkKind());
            case REGISTRATION_GET -> registrationResource.get(request);
            case REGISTRATION_DELETE -> registrationResource.delete(request);
            case REGISTRATION_QUERY -> registrationResource.queryOfGroup(request);
            case CERTIFICATE_PUT -> certificateResource.put(request);
            case CERTIFICATE_GET -> certificateResource.get(request);
            case CERTIFICATE_DELETE -> certificateResource.delete(request);
            case CERTIFICATE_LIST -> certificateResource.list();
            case CERTIFICATE_VERIFICATION_CODE -> certificateResource.generateVerificationCode(request);
            case CERTIFICATE_VERIFY -> certificateResource.verify(request);
        };
    }

    /** Failures Vert.x reports: the body handler's 413, or anything thrown past our own handlers. */
    private void fail(RoutingContext ctx) {
        if (ctx.failure() == null && ctx.statusCode() == 413) {
            refuse(ctx, tooLarge());
        } else {
            errors.handleFailure(ctx);
        }
    }

    private void refuse(RoutingContext ctx, RuntimeException refusal) {
        if (refusal instanceof ProvisioningException p && p.code() == DpsErrorCode.METHOD_NOT_ALLOWED) {
            ctx.response().putHeader("Allow", ServiceRoute.allowedMethods(ctx.request().path()));
        }
        errors.respond(ctx, refusal);
    }

    private static ProvisioningException tooLarge() {
        return new ProvisioningException(DpsErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than "
                + MAX_BODY_BYTES + " bytes (1 MB), the most the service API accepts");
    }

    private static void requireJsonContent(RoutingContext ctx) {
        JsonContentType.nonJsonBodyType(ctx.request()).ifPresent(type -> {
            throw new ProvisioningException(DpsErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body is sent as '" + type
                    + "', but the service API reads only JSON; send Content-Type: application/json");
        });
    }
}
