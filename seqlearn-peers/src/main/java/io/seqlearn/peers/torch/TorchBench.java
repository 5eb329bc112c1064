package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch 2.7.1 (libtorch through DJL) side of bench/run. One process runs one row and prints one JSON line
 * (see {@link PeerJson}): the milliseconds of each timed step after the warm-up steps.
 *
 * <p>Usage: {@code TorchBench ROW KIND WARMUP STEPS key=value...}, the same arguments every contender gets
 * (bench/rows.tsv). Kinds: gemm, recurrent, mha, encoder, charlm, wordlm, tlm.
 */
public final class TorchBench {
    private TorchBench() {}

    public static void main(String[] args) {
        BenchArgs a = BenchArgs.parse(args);
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            TorchStep step = switch (a.kind()) {
                case "gemm" -> TorchGemmBench.create(root, a);
                case "recurrent" -> TorchRecurrentBench.create(root, a);
                case "mha" -> TorchAttentionBench.mha(root, a);
                case "encoder" -> TorchAttentionBench.encoder(root, a);
                case "charlm", "wordlm" -> TorchLstmLm.create(root, a);
                case "tlm" -> TorchTransformerLm.create(root, a);
                default -> null;
            };
            if (step == null) {
                System.out.println(PeerJson.na("pytorch", a.row(), "unknown kind " + a.kind()));
                return;
            }
            System.out.println(PeerJson.row("pytorch", a.row(), time(root, step, a.warmup(), a.steps())));
        }
    }

    /**
     * A view of x (no copy) owned by {@code step}. DJL attaches an op's result to the manager of the array
     * it is called on, so ops on the persistent x would pile their results up in the root manager; ops on
     * this view put them in the step's manager, freed with it. Gradients still reach x (a view's backward).
     */
    static NDArray view(NDArray x, NDManager step) {
        NDArray v = x.reshape(x.getShape());
        v.attach(step);
        return v;
    }

    /** Runs warm-up then timed steps, each in its own sub-manager (closed inside the timed region). */
    static List<Double> time(NDManager root, TorchStep step, int warmup, int steps) {
        List<Double> ms = new ArrayList<>();
        for (int s = 0; s < warmup + steps; s++) {
            long t0 = System.nanoTime();
            try (NDManager m = root.newSubManager()) {
                step.run(m);
            }
            if (s >= warmup) ms.add((System.nanoTime() - t0) / 1e6);
        }
        return ms;
    }
}
