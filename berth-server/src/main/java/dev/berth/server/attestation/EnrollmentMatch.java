package dev.berth.server.attestation;

import dev.berth.protocol.service.CustomAllocationDefinition;
import dev.berth.protocol.service.DeviceCapabilities;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.InitialTwin;
import dev.berth.protocol.service.ReprovisionPolicy;
import java.util.List;

/** The enrollment a device proved it belongs to. */
public sealed interface EnrollmentMatch {

    boolean enabled();

    /** Hubs named on the enrollment (empty = every linked hub). */
    List<String> iotHubs();

    String allocationPolicy();

    /** As stored: null when the enrollment has none (callers apply the defaults). */
    ReprovisionPolicy reprovisionPolicy();

    /** As stored: null when the enrollment has none. */
    DeviceCapabilities capabilities();

    /** As stored: null when the enrollment has none. */
    InitialTwin initialTwin();

    /** As stored: null when the enrollment has none. */
    CustomAllocationDefinition customAllocationDefinition();

    /** A human label for logs and messages, e.g. {@code individual enrollment 'dev-1'}. */
    String describe();

    record Individual(IndividualEnrollment enrollment) implements EnrollmentMatch {
        @Override
        public boolean enabled() {
            return enrollment.isEnabled();
        }

        @Override
        public List<String> iotHubs() {
            return hubs(enrollment.iotHubs(), enrollment.iotHubHostName());
        }

        @Override
        public String allocationPolicy() {
            return enrollment.allocationPolicy();
        }

        @Override
        public ReprovisionPolicy reprovisionPolicy() {
            return enrollment.reprovisionPolicy();
        }

        @Override
        public DeviceCapabilities capabilities() {
            return enrollment.capabilities();
        }

        @Override
        public InitialTwin initialTwin() {
            return enrollment.initialTwin();
        }

        @Override
        public CustomAllocationDefinition customAllocationDefinition() {
            return enrollment.customAllocationDefinition();
        }

        @Override
        public String describe() {
            return "individual enrollment '" + enrollment.registrationId() + "'";
        }
    }

    record Group(EnrollmentGroup group) implements EnrollmentMatch {
        @Override
        public boolean enabled() {
            return group.isEnabled();
        }

        @Override
        public List<String> iotHubs() {
            return hubs(group.iotHubs(), group.iotHubHostName());
        }

        @Override
        public String allocationPolicy() {
            return group.allocationPolicy();
        }

        @Override
        public ReprovisionPolicy reprovisionPolicy() {
            return group.reprovisionPolicy();
        }

        @Override
        public DeviceCapabilities capabilities() {
            return group.capabilities();
        }

        @Override
        public InitialTwin initialTwin() {
            return group.initialTwin();
        }

        @Override
        public CustomAllocationDefinition customAllocationDefinition() {
            return group.customAllocationDefinition();
        }

        @Override
        public String describe() {
            return "enrollment group '" + group.enrollmentGroupId() + "'";
        }
    }

    private static List<String> hubs(List<String> iotHubs, String legacyHostName) {
        if (iotHubs != null && !iotHubs.isEmpty()) {
            return iotHubs;
        }
        return legacyHostName == null || legacyHostName.isBlank() ? List.of() : List.of(legacyHostName);
    }
}
