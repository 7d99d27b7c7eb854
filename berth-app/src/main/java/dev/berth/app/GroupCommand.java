package dev.berth.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.EnrollmentGroup;
import dev.berth.protocol.service.X509Attestation;
import dev.berth.protocol.service.X509CaReferences;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth group create|show|list|delete|derive-key}: enrollment groups through the service API. */
@Command(name = "group", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Manage enrollment groups (many devices: keys derived from the group key, or certificates signed by a CA) through the service API.",
        subcommands = {GroupCommand.Create.class, GroupCommand.Show.class, GroupCommand.ListAll.class,
                GroupCommand.Delete.class, GroupDeriveKeyCommand.class})
final class GroupCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = {"Create an enrollment group and print its group keys, or its CA.",
                    "Symmetric-key attestation unless a CA is given: --signing-certificate uploads the root or intermediate CA"
                            + " with the group, --ca-reference names a CA of the registry (berth ca). Then X.509: every device"
                            + " whose certificate chains up to that CA is admitted."})
    static final class Create extends CreateCommandBase {
        @Parameters(index = "0", paramLabel = "GROUPID", description = "The enrollment group ID.")
        String groupId;

        @Option(names = "--signing-certificate", paramLabel = "FILE",
                description = "X.509: the PEM certificate of the root or intermediate CA that signs the devices' certificates.")
        Path signingCertificate;

        @Option(names = "--secondary-signing-certificate", paramLabel = "FILE", description = "A second CA certificate. Needs --signing-certificate.")
        Path secondarySigningCertificate;

        @Option(names = "--ca-reference", paramLabel = "NAME", description = "X.509: the name of a CA certificate in the registry (see berth ca).")
        String caReference;

        @Option(names = "--secondary-ca-reference", paramLabel = "NAME", description = "A second registered CA. Needs --ca-reference.")
        String secondaryCaReference;

        @Override
        AttestationMechanism attestation() {
            boolean signing = signingCertificate != null || secondarySigningCertificate != null;
            boolean referencing = caReference != null || secondaryCaReference != null;
            if (signing && referencing) {
                throw new CliException("--signing-certificate and --ca-reference exclude each other: a group either uploads its CA"
                        + " or names one in the registry");
            }
            if (!signing && !referencing) {
                return super.attestation();
            }
            refuseKeysWith(signing ? "--signing-certificate" : "--ca-reference");
            if (signing) {
                if (signingCertificate == null) {
                    throw new CliException("--secondary-signing-certificate needs --signing-certificate (the primary CA)");
                }
                return AttestationMechanism.x509(new X509Attestation(null, CertificateFiles.pair(signingCertificate,
                        "--signing-certificate", secondarySigningCertificate, "--secondary-signing-certificate", err()), null));
            }
            if (caReference == null || caReference.isBlank()) {
                throw new CliException("--secondary-ca-reference needs --ca-reference (the primary CA's name)");
            }
            return AttestationMechanism.x509(new X509Attestation(null, null,
                    new X509CaReferences(caReference.strip(), secondaryCaReference == null ? null : secondaryCaReference.strip())));
        }

        /** A group may name an unverified CA, but its devices are refused until the CA is verified: say so now. */
        @Override
        void afterCreate(ServiceApiClient client, JsonNode stored) {
            JsonNode references = stored.path("attestation").path("x509").path("caReferences");
            for (String slot : new String[] {"primary", "secondary"}) {
                String name = EnrollmentKind.text(references, slot);
                if (name != null && !client.get("/certificates/" + ServiceApiClient.segment(name)).path("properties")
                        .path("isVerified").asBoolean(false)) {
                    out().println("Note: the CA certificate '" + name + "' is not verified yet; the group's devices are refused"
                            + " until it is. Prove that you hold its key:");
                    out().println("  berth ca prove " + name + " --ca-cert <its PEM certificate> --ca-key <its PEM key>"
                            + service.sameServerArguments());
                }
            }
            out().flush();
        }

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
}
