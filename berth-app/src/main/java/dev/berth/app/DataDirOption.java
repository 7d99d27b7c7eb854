package dev.berth.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data-dir}: where the embedded server keeps its database, PKI and endpoints.json. */
public final class DataDirOption {
    static final String ENVIRONMENT_VARIABLE = "BERTH_DATA_DIR";

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory (database, PKI, endpoints.json). Default: $BERTH_DATA_DIR, else ~/.berth.")
    Path dataDir;

    /** The directory as an absolute path, resolved against the directory the user ran berth from. */
    public Path resolve() {
        if (dataDir != null) {
            return dataDir.toAbsolutePath().normalize();
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment.strip()).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".berth");
    }
}
