package io.seqlearn.peers.torch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one-line JSON every benchmark process prints (the same shape for every contender). */
final class PeerJson {
    private PeerJson() {}

    static String row(String contender, String row, List<Double> ms) {
        String times = ms.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "{\"contender\":\"%s\",\"row\":\"%s\",\"ms\":[%s],\"heapMB\":%d,\"peakRssMB\":%d}",
                contender, row, times, peakHeapMb(), peakRssMb());
    }

    /** A row this contender cannot run (no such layer, not implemented): the report shows "n/a (reason)". */
    static String na(String contender, String row, String reason) {
        return String.format(Locale.ROOT, "{\"contender\":\"%s\",\"row\":\"%s\",\"na\":\"%s\"}",
                contender, row, reason.replace("\"", "'"));
    }

    /**
     * Peak Java heap: the sum of the heap pools' peak usage since start. An upper bound on the live set
     * (garbage not yet collected counts too); PyTorch keeps its tensors off-heap, so see peakRssMB.
     */
    static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) bytes += pool.getPeakUsage().getUsed();
        }
        return bytes >> 20;
    }

    /** VmHWM from /proc/self/status: the peak resident set, native memory included. */
    static long peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
            }
        } catch (Exception ignored) {
            // not Linux: report -1
        }
        return -1;
    }
}
