package io.seqlearn.peers.dl4j;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Deeplearning4j 1.0.0-M2.1 side of bench/run. One process runs one row and prints one JSON line (see
 * {@link PeerJson}). Usage: {@code Dl4jBench ROW KIND WARMUP STEPS key=value...} (bench/rows.tsv), with the
 * contender's label in the system property {@code bench.label} (bench/run runs DL4J twice: "dl4j" with
 * OpenMP's default wait policy and "dl4j-passive" with OMP_WAIT_POLICY=PASSIVE).
 *
 * <p>Rows DL4J cannot run are answered "n/a" before ND4J is loaded: it has no GRU layer, and no
 * multi-head attention or Transformer encoder layer in the same form.
 */
public final class Dl4jBench {
    private Dl4jBench() {}

    public static void main(String[] args) {
        BenchArgs a = BenchArgs.parse(args);
        String label = System.getProperty("bench.label", "dl4j");
        String na = unsupported(a);
        if (na != null) {
            System.out.println(PeerJson.na(label, a.row(), na));
            return;
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Runnable step = switch (a.kind()) {
            case "recurrent" -> Dl4jRecurrent.create(a);
            default -> Dl4jLstmLm.create(a);
        };
        System.out.println(PeerJson.row(label, a.row(), time(step, a.warmup(), a.steps())));
    }

    private static String unsupported(BenchArgs a) {
        return switch (a.kind()) {
            case "recurrent" -> a.str("cell").equals("gru") ? "DL4J has no GRU layer" : null;
            case "charlm", "wordlm" -> null;
            case "mha", "encoder", "tlm" -> "DL4J has no multi-head attention / Transformer encoder layer of this form";
            default -> "not run for DL4J";
        };
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
