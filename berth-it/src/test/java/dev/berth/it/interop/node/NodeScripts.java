package dev.berth.it.interop.node;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Node.js interop scripts in {@code src/test/node} ({@code provision.js}, {@code hub.js}), which drive the
 * official Azure IoT Node.js SDKs installed there by {@code npm ci}. Without Node or the installed packages the
 * tests are skipped on a developer's machine, but fail under CI ({@code CI=true}) so a broken set-up cannot pass
 * as green.
 */
public final class NodeScripts {
    /** Packages the scripts load; {@code npm ci} installs exactly the versions of package-lock.json. */
    private static final List<String> PACKAGES = List.of("azure-iot-provisioning-device", "azure-iot-provisioning-device-mqtt",
            "azure-iot-provisioning-device-http", "azure-iot-security-symmetric-key", "azure-iot-security-x509",
            "azure-iot-device", "azure-iot-device-mqtt");

    private NodeScripts() {
    }

    /** {@code berth-it/src/test/node}; surefire runs with the module as working directory and sets {@code basedir}. */
    public static Path directory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("src/test/node").toAbsolutePath();
    }

    /** Skips the calling test class (or fails it under CI) unless {@code node} runs and the SDK packages are installed. */
    public static void assumeAvailable() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("Node.js interop tests cannot run under CI: " + problem);
        }
        Assumptions.abort("Node.js interop tests skipped: " + problem);
    }

    private static String problem() {
        String version = nodeVersion();
        if (version == null) {
            return "`node` is not on PATH (install Node.js 18 or later)";
        }
        for (String p : PACKAGES) {
            if (!Files.isRegularFile(directory().resolve("node_modules").resolve(p).resolve("package.json"))) {
                return "node " + version + " found, but " + p + " is not installed in " + directory().resolve("node_modules")
                        + " (run `npm ci --prefix berth-it/src/test/node` from the repository root)";
            }
        }
        return null;
    }

    private static String nodeVersion() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String out = new String(process.getInputStream().readAllBytes()).strip();
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** What a one-shot script printed (its single JSON line) and how it exited, with the transcript for messages. */
    public record Outcome(int exitCode, JsonNode json, String transcript) {
    }

    /** Runs a one-shot script to its end: one JSON line, then exit. */
    public static Outcome run(String script, Path trustedCa, List<String> arguments, Duration timeout) {
        try (NodeProcess process = start(script, trustedCa, arguments)) {
            JsonNode json = process.nextJson(timeout);
            int exitCode = process.awaitExit(Duration.ofSeconds(15));
            return new Outcome(exitCode, json, process.toString());
        }
    }

    /**
     * Starts {@code node <script> <arguments>} in the scripts' directory. {@code trustedCa} becomes
     * {@code NODE_EXTRA_CA_CERTS}, the only way the Node provisioning SDK trusts a private CA.
     */
    public static NodeProcess start(String script, Path trustedCa, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("node", directory().resolve(script).toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory().toFile());
        Map<String, String> env = builder.environment();
        env.put("NODE_EXTRA_CA_CERTS", trustedCa.toAbsolutePath().toString());
        env.remove("DEBUG"); // the SDKs' debug output would only slow them down
        try {
            return new NodeProcess("node " + script + " " + String.join(" ", arguments), builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }
}
