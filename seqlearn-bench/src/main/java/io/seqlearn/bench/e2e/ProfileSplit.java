package io.seqlearn.bench.e2e;

import io.seqlearn.io.AtomicFiles;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where seqlearn's time goes, per row, from the JFR recordings that {@code bench/run --profile} makes of
 * the seqlearn processes: every execution sample of a seqlearn thread (main and the backend's workers) is
 * put in one category by its innermost seqlearn frame (Vector API and JDK frames are charged to their
 * caller), and GC pauses are summed. This is the measured "time split between GEMM and element-wise work"
 * that explains a row's distance from the sgemm roofline.
 *
 * <p>Categories: gemm (OpenBLAS downcalls and the Java small-GEMM), cell kernels (the fused recurrent gate
 * kernels, {@code io.seqlearn.nn.rnn.*Kernel}), backend kernels (element-wise, reductions), tensor ops
 * (copies, views, indexing, autograd bookkeeping: the rest of {@code io.seqlearn}), jvm (class loading, JIT
 * and JFR, samples with no seqlearn frame). Samples of waiting threads are not taken by JFR, so the shares are
 * of CPU time on seqlearn's threads, not of wall time.
 *
 * <p>Usage: {@code ProfileSplit JFR_DIR OUT_FILE}; files are named {@code ROW.rROUND.jfr}.
 */
public final class ProfileSplit {
    static final List<String> CATEGORIES = List.of("gemm", "cell kernels", "backend kernels", "tensor ops", "jvm");

    private ProfileSplit() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Duration> gc = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".jfr")).sorted().toList();
        }
        for (Path f : files) {
            String row = f.getFileName().toString().replaceAll("\\.r\\d+\\.jfr$", "");
            long[] c = counts.computeIfAbsent(row, k -> new long[CATEGORIES.size()]);
            for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gc.merge(row, e.getDuration(), Duration::plus);
                } else if (type.equals("jdk.ExecutionSample") && e.getStackTrace() != null) {
                    c[category(e.getStackTrace().getFrames())]++;
                }
            }
        }
        String text = table(counts, gc);
        System.out.print(text);
        AtomicFiles.write(Path.of(args[1]), o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The index in {@link #CATEGORIES} of one sample, by its innermost seqlearn frame. */
    static int category(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            String c = f.getMethod().getType().getName(), m = f.getMethod().getName();
            if (!c.startsWith("io.seqlearn.")) continue;
            if (c.endsWith(".OpenBlas") || c.endsWith(".SmallGemm") || m.equals("sgemm") || m.equals("dgemm")) return 0;
            if (c.startsWith("io.seqlearn.nn.rnn.") && c.endsWith("Kernel")) return 1;
            if (c.startsWith("io.seqlearn.backend.")) return 2;
            return 3;
        }
        return 4;
    }

    static String table(Map<String, long[]> counts, Map<String, Duration> gc) {
        StringBuilder sb = new StringBuilder("seqlearn CPU samples by category (JFR), per row\n");
        sb.append(String.format(Locale.ROOT, "%-20s %8s", "row", "samples"));
        for (String c : CATEGORIES) sb.append(String.format(Locale.ROOT, " %16s", c));
        sb.append(String.format(Locale.ROOT, " %10s%n", "GC ms"));
        for (var e : counts.entrySet()) {
            long total = 0;
            for (long v : e.getValue()) total += v;
            sb.append(String.format(Locale.ROOT, "%-20s %8d", e.getKey(), total));
            List<String> shares = new ArrayList<>();
            for (long v : e.getValue()) shares.add(total == 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * v / total));
            for (String s : shares) sb.append(String.format(Locale.ROOT, " %16s", s));
            sb.append(String.format(Locale.ROOT, " %10d%n", gc.getOrDefault(e.getKey(), Duration.ZERO).toMillis()));
        }
        return sb.toString();
    }
}
