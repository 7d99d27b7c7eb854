package dev.berth.app.bench;

/**
 * Everything one {@code berth bench} run measured; serialised as is for {@code --json}.
 *
 * @param server     server-side figures, only for an in-process server (null for --target)
 * @param baseline   the baseline run with {@code --baseline}, else null
 * @param ratio      Berth throughput / baseline throughput, with {@code --baseline}
 * @param retryAfterCeilingPerSecond concurrency / retry-after: the most registrations per second that this concurrency
 *                   allows when every device waits one retry-after (in-process, where retry-after is known)
 */
public record BenchReport(Environment environment, Settings settings, RunResult berth, ServerSide server, Baseline baseline,
                          Double ratio, Double retryAfterCeilingPerSecond) {

    public record Environment(String jdkVersion, String jdkVendor, String vm, int cores, String os) {
        public static Environment current() {
            return new Environment(System.getProperty("java.version"), System.getProperty("java.vendor"),
                    System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
    }

    public record Settings(int devices, int concurrency, String transport, String attestation, String target,
                           Integer retryAfterSeconds, double durationLimitSeconds, int warmupDevices) {
    }

    /** @param assignment the server's {@code berth.dps.assignment} timer: its own time per registration */
    public record ServerSide(InProcessBerth.ServerTiming assignment, ServerProbe.Usage usage) {
    }

    /** @param server null when the baseline ran against an external broker */
    public record Baseline(String definition, String target, RunResult run, ServerProbe.Usage server) {
    }
}
