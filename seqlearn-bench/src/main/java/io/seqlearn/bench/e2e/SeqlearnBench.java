package io.seqlearn.bench.e2e;

import io.seqlearn.tensor.Backends;

import java.util.ArrayList;
import java.util.List;

/**
 * seqlearn side of bench/run: one process runs one row and prints one JSON line (the same shape as the
 * peers' lines: contender, row, per-step milliseconds after warm-up, peak heap, peak resident set).
 *
 * <p>Usage: {@code SeqlearnBench ROW KIND WARMUP STEPS key=value...} (bench/rows.tsv). The thread count is
 * the default backend's, i.e. the JVM's available processors: bench/run pins it with
 * {@code -XX:ActiveProcessorCount=N}. Everything runs through the library's public API, in float32.
 */
public final class SeqlearnBench {
    private SeqlearnBench() {}

    public static void main(String[] args) {
        BenchArgs a = BenchArgs.parse(args);
        Runnable step = switch (a.kind()) {
            case "gemm" -> GemmRow.create(a);
            case "recurrent" -> RecurrentRow.create(a);
            case "mha" -> AttentionRow.mha(a);
            case "encoder" -> AttentionRow.encoder(a);
            case "charlm", "wordlm" -> LstmLmRow.create(a);
            case "tlm" -> TransformerLmRow.create(a);
            default -> null;
        };
        if (step == null) {
            System.out.println(BenchJson.na("seqlearn", a.row(), "unknown kind " + a.kind()));
            return;
        }
        System.err.println("seqlearn backend: " + Backends.defaultBackend().name()
                + ", threads " + Backends.defaultBackend().threads()
                + ", OpenBLAS core " + io.seqlearn.backend.cpu.CpuBackend.blasCoreName());
        System.out.println(BenchJson.row("seqlearn", a.row(), time(step, a.warmup(), a.steps())));
    }

    static List<Double> time(Runnable step, int warmup, int steps) {
        List<Double> ms = new ArrayList<>();
        for (int s = 0; s < warmup + steps; s++) {
            long t0 = System.nanoTime();
            step.run();
            if (s >= warmup) ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }
}
