package dev.berth.app.pki;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the files go: {@code DIR/NAME.cert.pem} and friends, never over existing files unless asked. */
final class OutputOptions {

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write the files to (created if missing).")
    Path directory;

    @Option(names = "--name", paramLabel = "NAME", description = "File name prefix (default: see above).")
    String name;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    String nameOr(String defaultName) {
        String chosen = name == null ? defaultName : name;
        if (chosen.isBlank() || chosen.contains("/") || chosen.contains("\\") || chosen.startsWith(".")) {
            throw new IllegalArgumentException("--name must be a plain file name prefix, got '" + chosen + "'");
        }
        return chosen;
    }
}
