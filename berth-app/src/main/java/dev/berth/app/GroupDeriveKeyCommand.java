package dev.berth.app;

import dev.berth.protocol.sas.SharedAccessSignatures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth group derive-key GROUPID REGID}: the key a device of a symmetric-key group uses. */
@Command(name = "derive-key", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Print the key a device of a group uses: base64(HMAC-SHA256(groupKey, registrationId)).",
                "The group key is read through the service API unless --group-key is given."})
final class GroupDeriveKeyCommand extends EnrollmentCommands.Base {
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
