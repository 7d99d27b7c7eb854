package dev.berth.app;

import dev.berth.protocol.service.IndividualEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth enrollment create|show|list|delete}: individual enrollments through the service API. */
@Command(name = "enrollment", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Manage individual enrollments (one device, its own symmetric key) through the service API.",
        subcommands = {EnrollmentCommand.Create.class, EnrollmentCommand.Show.class, EnrollmentCommand.ListAll.class,
                EnrollmentCommand.Delete.class})
final class EnrollmentCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Create an individual enrollment with symmetric-key attestation and print its keys.")
    static final class Create extends CreateCommandBase {
        @Parameters(index = "0", paramLabel = "REGID", description = "The device's registration ID.")
        String registrationId;

        @Option(names = "--device-id", paramLabel = "ID", description = "Device ID in the hub. Default: the registration ID.")
        String deviceId;

        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.INDIVIDUAL;
        }

        @Override
        String id() {
            return registrationId;
        }

        @Override
        Object enrollment() {
            return new IndividualEnrollment(registrationId, deviceId, null, null, attestation(), null, null,
                    parsedInitialTwin(), null, provisioningStatus(), null, null, null, allocationPolicy(), iotHubs(), null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Print an individual enrollment as JSON, with its registration state.")
    static final class Show extends EnrollmentCommands.Show {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.INDIVIDUAL;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "List all individual enrollments (every page).")
    static final class ListAll extends EnrollmentCommands.ListAll {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.INDIVIDUAL;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Delete an individual enrollment.")
    static final class Delete extends EnrollmentCommands.Delete {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.INDIVIDUAL;
        }
    }
}
