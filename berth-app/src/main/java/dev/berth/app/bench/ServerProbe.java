package dev.berth.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Heap and CPU of this JVM while an in-process server is loaded. The heap is the whole JVM's (server and simulated
 * devices share it) and moves with GC, so "after" and "peak" are noisy; the peak is sampled every 50 ms. CPU is given
 * twice: for the whole process, and for the server's own threads (by name prefix) alone.
 */
final class ServerProbe implements AutoCloseable {
    private static final double MB = 1024.0 * 1024.0;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String serverThreadPrefix;
    private final long heapBefore;
    private final long processCpuBefore = processCpuNanos();
    private final Map<Long, Long> threadCpuBefore;
    private volatile long heapPeak;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });

    /** Usage of the heap after, and how much CPU the process and the server's threads used during the run. */
    record Usage(double heapUsedBeforeMb, double heapUsedAfterMb, double heapUsedPeakMb, Double processCpuSeconds,
                 Double serverThreadsCpuSeconds) {
    }

    ServerProbe(String serverThreadPrefix) {
        this.serverThreadPrefix = serverThreadPrefix;
        System.gc(); // a settled starting point; the figures after the run deliberately are not GC'd
        heapBefore = memory.getHeapMemoryUsage().getUsed();
        heapPeak = heapBefore;
        threadCpuBefore = serverThreadCpu();
        sampler.scheduleAtFixedRate(() -> heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed()), 50, 50,
                TimeUnit.MILLISECONDS);
    }

    Usage finish() {
        sampler.shutdownNow();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();
        long peak = Math.max(heapPeak, heapAfter);
        long processCpu = processCpuNanos();
        Map<Long, Long> threadCpuAfter = serverThreadCpu();
        Double serverCpu = null;
        if (!threadCpuAfter.isEmpty()) {
            long sum = 0;
            for (var entry : threadCpuAfter.entrySet()) {
                sum += entry.getValue() - threadCpuBefore.getOrDefault(entry.getKey(), 0L);
            }
            serverCpu = seconds(sum);
        }
        return new Usage(mb(heapBefore), mb(heapAfter), mb(peak),
                processCpu < 0 || processCpuBefore < 0 ? null : seconds(processCpu - processCpuBefore), serverCpu);
    }

    private Map<Long, Long> serverThreadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
            return cpu;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(serverThreadPrefix)) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static double mb(long bytes) {
        return Math.round(bytes / MB * 10) / 10.0;
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e7) / 100.0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
