package dev.berth.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * The data directory of servers this process starts for itself (the demo, the benches), and the quiet they run in:
 * their per-connection INFO lines would bury the command's own output (and cost more than what a bench measures).
 * On close the log level is restored and a temporary directory deleted; a directory the user gave is kept.
 */
public final class InProcessDataDirectory implements AutoCloseable {
    private final Path path;
    private final boolean temporary;
    private final Logger berthLog = (Logger) LoggerFactory.getLogger("dev.berth");
    private final Level previousLevel = berthLog.getLevel();

    private InProcessDataDirectory(Path path, boolean temporary, boolean quiet) {
        this.path = path;
        this.temporary = temporary;
        if (quiet) {
            berthLog.setLevel(Level.WARN);
        }
    }

    /** A fresh temporary directory, deleted on close; Berth logs warnings and errors only meanwhile. */
    public static InProcessDataDirectory temporary(String prefix) throws IOException {
        return open(null, prefix, true);
    }

    /**
     * @param given  the directory to use and keep, or null for a temporary one named {@code prefix...}
     * @param quiet  whether Berth logs warnings and errors only while it is open
     */
    public static InProcessDataDirectory open(Path given, String prefix, boolean quiet) throws IOException {
        return given != null ? new InProcessDataDirectory(given.toAbsolutePath(), false, quiet)
                : new InProcessDataDirectory(Files.createTempDirectory(prefix), true, quiet);
    }

    public Path path() {
        return path;
    }

    public boolean isTemporary() {
        return temporary;
    }

    @Override
    public void close() throws IOException {
        berthLog.setLevel(previousLevel);
        if (!temporary || !Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}
