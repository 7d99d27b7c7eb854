package dev.berth.app.pki;

import dev.berth.app.BerthVersion;
import picocli.CommandLine.Command;

/** {@code berth pki root|intermediate|device|verification}: test certificates in one command each. */
@Command(name = "pki", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Create test certificates: a root CA, intermediates, device certificates (CN = registration ID)",
                "and proof-of-possession certificates. EC P-256 unless --key-type says otherwise.",
                IssuedFiles.NOT_FOR_PRODUCTION},
        subcommands = {RootCommand.class, IntermediateCommand.class, DeviceCommand.class, VerificationCommand.class})
public final class PkiCommand {
}
