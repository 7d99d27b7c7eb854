package dev.berth.server.registration;

import dev.berth.protocol.dps.DpsErrorCode;
import dev.berth.protocol.dps.RegistrationStatus;
import dev.berth.protocol.dps.Substatus;
import dev.berth.protocol.service.DeviceCapabilities;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.server.attestation.AuthenticatedDevice;
import dev.berth.server.attestation.EnrollmentMatch;
import dev.berth.server.hub.HubDeviceProvisioning;
import dev.berth.server.hub.HubRegistry;
import dev.berth.server.hub.HubRegistryException;
import dev.berth.server.store.RegistrationRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After an {@code assigned} decision, puts the device identity into the assigned hub when a registry manages
 * that hub (otherwise the assignment names the hub only). The initial twin is applied for a new registration
 * and on a device data reset. When the hub refuses, the registration ends {@code failed}: 400209 when the hub
 * refused the provisioning service's credentials, 500000 otherwise, with the hub's message.
 */
final class HubIdentityStep {
    private static final Logger LOG = LoggerFactory.getLogger(HubIdentityStep.class);

    private final HubRegistry registry;

    HubIdentityStep(HubRegistry registry) {
        this.registry = registry == null ? HubRegistry.NONE : registry;
    }

    /** @param webhookTwin the custom allocation webhook's initial twin, which replaces the enrollment's; null = the enrollment's */
    RegistrationRecord apply(AuthenticatedDevice device, EnrollmentMatch match, RegistrationRecord previous, RegistrationRecord outcome,
            InitialTwin webhookTwin) {
        if (outcome.status() != RegistrationStatus.ASSIGNED || !registry.manages(outcome.assignedHub())) {
            return outcome;
        }
        boolean newRegistration = previous == null || previous.assignedHub() == null || previous.status() != RegistrationStatus.ASSIGNED;
        boolean applyInitialTwin = newRegistration || outcome.substatus() == Substatus.DEVICE_DATA_RESET;
        try {
            registry.provision(new HubDeviceProvisioning(outcome.assignedHub(), outcome.deviceId(), device.evidence(),
                    capabilities(match).iotEdge(), webhookTwin != null ? webhookTwin : match.initialTwin(), applyInitialTwin));
            return outcome;
        } catch (HubRegistryException e) {
            DpsErrorCode code = e.unauthorized() ? DpsErrorCode.UNAUTHORIZED_TO_HUB : DpsErrorCode.INTERNAL_ERROR;
            LOG.warn("Registration '{}': the hub {} refused device '{}': {}", outcome.registrationId(), outcome.assignedHub(),
                    outcome.deviceId(), e.getMessage());
            return Assignment.failed(outcome, previous, code, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Registration '{}': putting device '{}' into the hub {} failed", outcome.registrationId(), outcome.deviceId(),
                    outcome.assignedHub(), e);
            return Assignment.failed(outcome, previous, DpsErrorCode.INTERNAL_ERROR, "the device could not be put into the IoT hub "
                    + outcome.assignedHub() + ": " + e.getMessage());
        }
    }

    private static DeviceCapabilities capabilities(EnrollmentMatch match) {
        DeviceCapabilities capabilities = match.capabilities();
        return capabilities == null ? DeviceCapabilities.NONE : capabilities;
    }
}
