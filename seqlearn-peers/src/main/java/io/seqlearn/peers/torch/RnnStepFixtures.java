package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * {@code fixtures/rnn/cells_*} and {@code tbptt_lstm}, through libtorch's fused recurrent op
 * ({@link RnnFixtureCrossCheck#run}), float64.
 *
 * <ul>
 *   <li>Cells: one time step of the 1-layer op is the cell's arithmetic (libtorch's LSTM/GRU/RNN run the same
 *       per-step cell as {@code torch.lstm_cell}/{@code gru_cell}/{@code rnn_*_cell}:
 *       gates = x W_ihᵀ + b_ih + h W_hhᵀ + b_hh). x (B, I) runs as (B, 1, I), h0/c0 (B, H) as (1, B, H).
 *       Loss Σ h1·g_h1 (+ Σ c1·g_c1).</li>
 *   <li>tbptt: the generator's loop — per 4-step chunk run the op from the detached state of the previous
 *       chunk (zeros first), backward Σ out_k·g_out[:, chunk] at once, parameter gradients accumulating.</li>
 * </ul>
 */
final class RnnStepFixtures {
    private RnnStepFixtures() {}

    static void check(FixtureFile f) {
        if (f.name().startsWith("tbptt_")) tbptt(f);
        else cell(f);
    }

    private static void cell(FixtureFile f) {
        String name = f.name();
        String mode = name.contains("lstm") ? "lstm" : name.contains("gru") ? "gru" : name.contains("relu") ? "relu" : "tanh";
        NDArray x = f.leaf("x"), h0 = f.leaf("h0");
        NDArray c0 = mode.equals("lstm") ? f.leaf("c0") : null;
        NDList params = new NDList(f.leaf("weight_ih"), f.leaf("weight_hh"), f.leaf("bias_ih"), f.leaf("bias_hh"));
        NDArray h1, c1 = null;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray c = c0 != null ? c0.expandDims(0) : h0.zerosLike().expandDims(0);
            NDList r = RnnFixtureCrossCheck.run(mode, x.expandDims(1), h0.expandDims(0), c, params, 1, false);
            h1 = r.get(1).squeeze(0);
            NDArray loss = TorchOps.dot(h1, f.in("g_h1"));
            if (c0 != null) {
                c1 = r.get(2).squeeze(0);
                loss = loss.add(TorchOps.dot(c1, f.in("g_c1")));
            }
            gc.backward(loss);
        }
        f.compare("h1", h1);
        if (c1 != null) f.compare("c1", c1);
        f.compareGrads();
    }

    private static void tbptt(FixtureFile f) {
        int chunk = f.config().path("chunk").asInt(), chunks = f.config().path("num_chunks").asInt();
        int hidden = f.config().path("hidden_size").asInt();
        NDManager m = f.manager();
        NDArray x = f.leaf("x"), gOut = f.in("g_out");
        NDList params = new NDList(f.leaf("weight_ih_l0"), f.leaf("weight_hh_l0"), f.leaf("bias_ih_l0"), f.leaf("bias_hh_l0"));
        long b = x.getShape().get(0);
        NDArray h = m.zeros(new Shape(1, b, hidden), DataType.FLOAT64), c = m.zeros(new Shape(1, b, hidden), DataType.FLOAT64);
        NDList[] results = new NDList[chunks];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            for (int k = 0; k < chunks; k++) {
                NDIndex window = new NDIndex(":, " + k * chunk + ":" + (k + 1) * chunk);
                NDList r = RnnFixtureCrossCheck.run("lstm", x.get(window), h, c, params, 1, false);
                gc.backward(TorchOps.dot(r.get(0), gOut.get(window)));
                results[k] = r;
                h = r.get(1).stopGradient();
                c = r.get(2).stopGradient();
            }
        }
        for (int k = 0; k < chunks; k++) {
            f.compare("out.chunk" + k, results[k].get(0));
            f.compare("h_n.chunk" + k, results[k].get(1));
            f.compare("c_n.chunk" + k, results[k].get(2));
        }
        f.compareGrads();
    }
}
