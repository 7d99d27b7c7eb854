package dev.berth.app;

import dev.berth.protocol.service.AttestationMechanism;
import dev.berth.protocol.service.IndividualEnrollment;
import dev.berth.protocol.service.X509Attestation;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth enrollment create|show|list|delete}: individual enrollments through the service API. */
@Command(name = "enrollment", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = "Manage individual enrollments (one device with its own symmetric key or X.509 certificate) through the service API.",
        subcommands = {EnrollmentCommand.Create.class, EnrollmentCommand.Show.class, EnrollmentCommand.ListAll.class,
                EnrollmentCommand.Delete.class})
final class EnrollmentCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
            description = {"Create an individual enrollment and print its keys, or its certificate with --certificate.",
                    "Symmetric-key attestation unless --certificate is given; then X.509: the device presents that certificate"
                            + " (CN = REGID, self-signed or CA-signed) and proves it holds its key."})
    static final class Create extends CreateCommandBase {
        @Parameters(index = "0", paramLabel = "REGID", description = "The device's registration ID.")
        String registrationId;

        @Option(names = "--device-id", paramLabel = "ID", description = "Device ID in the hub. Default: the registration ID.")
        String deviceId;

        @Option(names = "--certificate", paramLabel = "FILE",
                description = "X.509 attestation with the device's PEM (or DER) certificate; its CN must be REGID. A chain file's first certificate is used.")
        Path certificate;

        @Option(names = "--secondary-certificate", paramLabel = "FILE", description = "A second device certificate, e.g. for rollover. Needs --certificate.")
        Path secondaryCertificate;

        @Override
        AttestationMechanism attestation() {
            if (certificate == null) {
                if (secondaryCertificate != null) {
                    throw new CliException("--secondary-certificate needs --certificate (the primary certificate)");
                }
                return super.attestation();
            }
            refuseKeysWith("--certificate");
            return AttestationMechanism.x509(new X509Attestation(
                    CertificateFiles.pair(certificate, "--certificate", secondaryCertificate, "--secondary-certificate", err()), null, null));
        }

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
            description = "Print an individual enrollment as JSON: attestation (with each certificate's computed info) and registration state.")
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
