package io.seqlearn.peers.torch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The one-line JSON every benchmark process prints (the same shape for every contender). */
final class PeerJson {
    private PeerJson() {}

    static String row(String contender, String row, List<Double> ms) {
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        String times = ms.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).collect(Collectors.joining(","));
        return String.format(Locale.ROOT, "{\"contender\":\"%s\",\"row\":\"%s\",\"ms\":[%s],\"heapMB\":%d,\"peakRssMB\":%d}",
                contender, row, times, heapMb, peakRssMb());
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
