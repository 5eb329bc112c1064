package io.seqlearn.bench.kernels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the JMH JSON of {@link GemmBench} and {@link ElementwiseBench} into a table (stdout) and a
 * summary JSON: GEMM in GFLOP/s (2mnk / time) with the ratio CpuBackend / direct OpenBLAS, element-wise
 * ops in GB/s (bytes each op must move) with the ratio to {@code System.arraycopy} of the same n.
 *
 * <p>Usage: {@code KernelReport <jmh-result.json> <summary.json> [machine description]}
 */
public final class KernelReport {
    private static final String GEMM = GemmBench.class.getName() + ".";
    private static final String ELEMENTWISE = ElementwiseBench.class.getName() + ".";

    private KernelReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) throw new IllegalArgumentException("usage: KernelReport <jmh.json> <summary.json> [machine]");
        ObjectMapper json = new ObjectMapper();
        JsonNode results = json.readTree(Path.of(args[0]).toFile());
        ObjectNode summary = json.createObjectNode();
        summary.put("machine", args.length > 2 ? args[2] : "");
        summary.set("gemm", gemm(results, json));
        summary.set("elementwise", elementwise(results, json));
        writeAtomically(Path.of(args[1]), json.writerWithDefaultPrettyPrinter().writeValueAsString(summary));
    }

    private static ArrayNode gemm(JsonNode results, ObjectMapper json) {
        Map<String, double[]> us = new TreeMap<>(KernelReport::byVolume); // shape -> {cpu, direct}
        for (JsonNode r : results) {
            String name = r.get("benchmark").asText();
            if (!name.startsWith(GEMM)) continue;
            double[] pair = us.computeIfAbsent(r.get("params").get("shape").asText(), s -> new double[2]);
            pair[name.endsWith("cpuBackend") ? 0 : 1] = microseconds(r);
        }
        ArrayNode rows = json.createArrayNode();
        System.out.printf("%n%-16s %12s %12s %8s%n", "sgemm m×n×k", "CpuBackend", "direct", "ratio");
        System.out.printf("%-16s %12s %12s %8s%n", "", "GFLOP/s", "GFLOP/s", "cpu/dir");
        for (var e : us.entrySet()) {
            double flops = 2.0 * volume(e.getKey());
            double cpu = flops / e.getValue()[0] / 1e3, direct = flops / e.getValue()[1] / 1e3;
            System.out.printf("%-16s %12.1f %12.1f %8.2f%n", e.getKey(), cpu, direct, cpu / direct);
            ObjectNode row = rows.addObject();
            row.put("shape", e.getKey());
            row.put("cpuBackendGflops", cpu);
            row.put("directOpenBlasGflops", direct);
            row.put("ratio", cpu / direct);
        }
        return rows;
    }

    private static ArrayNode elementwise(JsonNode results, ObjectMapper json) {
        Map<Integer, Double> copyUs = new TreeMap<>();
        Map<String, Double> opUs = new TreeMap<>();
        for (JsonNode r : results) {
            if (!r.get("benchmark").asText().startsWith(ELEMENTWISE)) continue;
            String op = r.get("params").get("op").asText();
            int n = r.get("params").get("n").asInt();
            if (op.equals("copy")) copyUs.put(n, microseconds(r));
            else opUs.put(op + "@" + n, microseconds(r));
        }
        ArrayNode rows = json.createArrayNode();
        System.out.printf("%n%-10s %9s %10s %12s %8s%n", "F32 op", "n", "GB/s", "arraycopy", "ratio");
        for (var e : opUs.entrySet()) {
            String op = e.getKey().substring(0, e.getKey().indexOf('@'));
            int n = Integer.parseInt(e.getKey().substring(e.getKey().indexOf('@') + 1));
            double bytes = (op.equals("add") || op.equals("mul") ? 12.0 : 8.0) * n;
            double gbs = bytes / e.getValue() / 1e3;
            Double copy = copyUs.get(n);
            double copyGbs = copy == null ? Double.NaN : 8.0 * n / copy / 1e3;
            System.out.printf("%-10s %9d %10.1f %12.1f %8.2f%n", op, n, gbs, copyGbs, gbs / copyGbs);
            ObjectNode row = rows.addObject();
            row.put("op", op);
            row.put("n", n);
            row.put("gbPerS", gbs);
            row.put("arraycopyGbPerS", copyGbs);
            row.put("ratio", gbs / copyGbs);
        }
        return rows;
    }

    private static double microseconds(JsonNode r) {
        JsonNode metric = r.get("primaryMetric");
        String unit = metric.get("scoreUnit").asText();
        if (!unit.equals("us/op")) throw new IllegalStateException("KernelReport: expected us/op, got " + unit);
        return metric.get("score").asDouble();
    }

    private static long volume(String shape) {
        long v = 1;
        for (String d : shape.split("x")) v *= Long.parseLong(d);
        return v;
    }

    private static int byVolume(String a, String b) {
        int c = Long.compare(volume(a), volume(b));
        return c != 0 ? c : a.compareTo(b);
    }

    /** Temp file in the same directory, fsync, then rename over the target. */
    static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
