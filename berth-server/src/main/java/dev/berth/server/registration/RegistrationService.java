package dev.berth.server.registration;

import dev.berth.protocol.dps.DeviceRegistrationResult;
import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.DpsTimestamps;
import dev.berth.protocol.dps.RegistrationOperationStatus;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.server.Json;
import dev.berth.server.ProvisioningException;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.metrics.DpsMetrics;
import dev.berth.server.store.EnrollmentStore;
import dev.berth.server.store.Operation;
import dev.berth.server.store.RegistrationRecord;
import dev.berth.server.store.RegistrationStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one registration pipeline behind every device transport: re-read the matched enrollment, create
 * an operation, allocate a hub, persist the registration state together with the completed operation,
 * and answer. Blocking: call it off the event loop.
 */
public final class RegistrationService {
    /** An operation still assigning after this long was interrupted (e.g. by a node restart). */
    private static final Duration STALE_OPERATION = Duration.ofSeconds(60);

    private final EnrollmentStore enrollments;
    private final RegistrationStore registrations;
    private final Assignment assignment;
    private final Clock clock;
    private final DpsMetrics metrics;
    private final int retryAfterSeconds;
    private final HubIdentityStep hubIdentity;

    public RegistrationService(EnrollmentStore enrollments, RegistrationStore registrations, Assignment assignment,
            Clock clock, DpsMetrics metrics, int retryAfterSeconds) {
        this(enrollments, registrations, assignment, clock, metrics, retryAfterSeconds, HubRegistry.NONE);
    }

    /** @param hubRegistry puts assigned devices into the hubs it manages; {@link HubRegistry#NONE} names the hub only */
    public RegistrationService(EnrollmentStore enrollments, RegistrationStore registrations, Assignment assignment,
            Clock clock, DpsMetrics metrics, int retryAfterSeconds, HubRegistry hubRegistry) {
        this.hubIdentity = new HubIdentityStep(hubRegistry);
        this.enrollments = enrollments;
        this.registrations = registrations;
        this.assignment = assignment;
        this.clock = clock;
        this.metrics = metrics;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public DpsAnswer register(AuthenticatedDevice device, RegisterRequest request) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EnrollmentMatch match = refresh(device.match());
        // The operation is written once, completed, with the registration state: the device learns its ID only
        // from the answer sent after that commit, so an 'assigning' row first would only cost a durable write.
        String operationId = OperationIds.next();
        RegistrationRecord previous = registrations.findRegistration(device.registrationId()).orElse(null);
        Assignment.Decision decision = assignment.decide(device, request.payload(), match, previous,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        RegistrationRecord outcome = hubIdentity.apply(device, match, previous, decision.record(), decision.initialTwin());
        RegistrationOperationStatus result = new RegistrationOperationStatus(operationId, outcome.status(), RegistrationResults.toDeviceResult(outcome, device.evidence()));
        Operation done = new Operation(operationId, device.registrationId(), outcome.status(), started, clock.instant(), Json.write(result));
        RegistrationRecord stored = registrations.completeOperation(outcome, done);
        metrics.registered(stored.status(), Duration.between(started, clock.instant()));
        return DpsAnswer.assigning(new RegistrationOperationStatus(operationId, RegistrationStatus.ASSIGNING, null), retryAfterSeconds);
    }

    public DpsAnswer operationStatus(String registrationId, String operationId) {
        Operation operation = registrations.findOperation(operationId)
                .filter(o -> o.registrationId().equalsIgnoreCase(registrationId))
                .orElseThrow(() -> new ProvisioningException(DpsErrorCode.OPERATION_NOT_FOUND, "there is no operation '" + operationId
                        + "' for registration '" + registrationId + "'; poll with the operationId of your own register answer,"
                        + " or register again"));
        if (operation.status().isTerminal()) {
            RegistrationOperationStatus result = Json.read(operation.resultJson(), RegistrationOperationStatus.class);
            return DpsAnswer.done(result);
        }
        if (operation.updatedAt().plus(STALE_OPERATION).isBefore(clock.instant())) {
            throw new ProvisioningException(DpsErrorCode.INTERNAL_ERROR, "operation '" + operationId
                    + "' was interrupted before it finished (the server restarted); register again");
        }
        DeviceRegistrationResult state = new DeviceRegistrationResult(registrationId, null, null, null,
                RegistrationStatus.ASSIGNING, null, null, null, null, null, null, null, null);
        return DpsAnswer.assigning(new RegistrationOperationStatus(operationId, RegistrationStatus.ASSIGNING, state), retryAfterSeconds);
    }

    private EnrollmentMatch refresh(EnrollmentMatch match) {
        if (match instanceof EnrollmentMatch.Individual individual) {
            return enrollments.findEnrollment(individual.enrollment().registrationId())
                    .<EnrollmentMatch>map(EnrollmentMatch.Individual::new)
                    .orElseThrow(() -> gone(match));
        }
        EnrollmentMatch.Group group = (EnrollmentMatch.Group) match;
        return enrollments.findGroup(group.group().enrollmentGroupId())
                .<EnrollmentMatch>map(EnrollmentMatch.Group::new)
                .orElseThrow(() -> gone(match));
    }

    private static ProvisioningException gone(EnrollmentMatch match) {
        return new ProvisioningException(DpsErrorCode.ENROLLMENT_NOT_FOUND, match.describe()
                + " was deleted after this device connected; reconnect once it exists again");
    }
}
