package dev.berth.app;

import dev.berth.protocol.sas.SharedAccessSignatures;
import dev.berth.protocol.service.EnrollmentGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth group create|show|list|delete|derive-key}: enrollment groups through the service API. */
@Command(name = "group", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Manage enrollment groups (many devices, keys derived from the group key) through the service API.",
        subcommands = {GroupCommand.Create.class, GroupCommand.Show.class, GroupCommand.ListAll.class,
                GroupCommand.Delete.class, GroupCommand.DeriveKey.class})
final class GroupCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Create a symmetric-key enrollment group and print its group keys.")
    static final class Create extends CreateCommandBase {
        @Parameters(index = "0", paramLabel = "GROUPID", description = "The enrollment group ID.")
        String groupId;

        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.GROUP;
        }

        @Override
        String id() {
            return groupId;
        }

        @Override
        Object enrollment() {
            return new EnrollmentGroup(groupId, attestation(), null, null, parsedInitialTwin(), null, provisioningStatus(),
                    null, null, null, allocationPolicy(), iotHubs(), null);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Print an enrollment group as JSON.")
    static final class Show extends EnrollmentCommands.Show {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.GROUP;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "List all enrollment groups (every page).")
    static final class ListAll extends EnrollmentCommands.ListAll {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.GROUP;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = "Delete an enrollment group (its devices' registrations stay).")
    static final class Delete extends EnrollmentCommands.Delete {
        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.GROUP;
        }
    }

    @Command(name = "derive-key", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = {"Print the key a device of a group uses: base64(HMAC-SHA256(groupKey, registrationId)).",
                    "The group key is read through the service API unless --group-key is given."})
    static final class DeriveKey extends EnrollmentCommands.Base {
        @Parameters(index = "0", paramLabel = "GROUPID", description = "The enrollment group ID.")
        String groupId;

        @Parameters(index = "1", paramLabel = "REGID", description = "The device's registration ID.")
        String registrationId;

        @Option(names = "--group-key", paramLabel = "KEY", description = "Derive from this group key; the server is not asked.")
        String groupKey;

        @Option(names = "--secondary", description = "Derive from the group's secondary key instead of its primary key.")
        boolean secondary;

        @Override
        EnrollmentKind kind() {
            return EnrollmentKind.GROUP;
        }

        @Override
        public Integer call() {
            String key = groupKey != null ? groupKey.strip() : EnrollmentKind.text(
                    service.connect().get(kind().path(groupId)).path("attestation").path("symmetricKey"),
                    secondary ? "secondaryKey" : "primaryKey");
            if (key == null) {
                throw new CliException("the enrollment group '" + groupId + "' has no symmetric key");
            }
            if (!SharedAccessSignatures.isValidKey(key)) {
                throw new CliException("the group key must be base64 of 16 to 64 bytes");
            }
            if (registrationId.isBlank()) {
                throw new CliException("the registration ID is empty");
            }
            out().println(SharedAccessSignatures.deriveDeviceKey(key, registrationId));
            out().flush();
            return 0;
        }
    }
}
