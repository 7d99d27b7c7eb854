package dev.berth.app.ca;

import dev.berth.app.BerthVersion;
import picocli.CommandLine.Command;

/** {@code berth ca upload|show|list|delete|verification-code|verify|prove}: the service's registry of CA certificates. */
@Command(name = "ca", mixinStandardHelpOptions = true, versionProvider = BerthVersion.class,
        description = {"Manage the registry of CA certificates through the service API.",
                "Enrollment groups name a registered CA with --ca-reference; their devices are admitted once the CA is verified:"
                        + " by proof of possession (prove, or verification-code + pki verification + verify) or, for a CA"
                        + " you made yourself, by upload --verified."},
        subcommands = {CaUploadCommand.class, CaShowCommand.class, CaListCommand.class, CaDeleteCommand.class,
                CaVerificationCodeCommand.class, CaVerifyCommand.class, CaProveCommand.class})
public final class CaCommand {
}
