package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;

import java.util.Map;

/**
 * Recurrent-layer rows (one layer, unidirectional, batch-first, zero initial state) on libtorch's own ops:
 * {@code lstm} runs oneDNN's fused RNN primitive, {@code gru}/{@code rnn} a per-step loop of MKL sgemm calls.
 *
 * <p>Training step = forward over the whole sequence + backward of sum(output) to the input and all four
 * weights, exactly what the seqlearn side times. Inference = forward only (training=false: oneDNN's
 * forward_inference), no graph. The op is called
 * directly with a parameter list in PyTorch's order (weight_ih, weight_hh, bias_ih, bias_hh), because DJL's
 * RNN blocks mis-order them for bidirectional layers (../shared/PEERS.md). Gradients accumulate into the
 * same .grad buffers every step and are zeroed after it (as optimizer.zero_grad(set_to_none=False)).
 *
 * <p>Row parameters: cell (lstm|gru|rnn), mode (train|infer), B, T, I, H.
 */
public final class TorchRecurrentBench {
    private TorchRecurrentBench() {}

    /** Legacy form: {@code CELL MODE B T I H WARMUP STEPS}; bench/run uses {@link TorchBench}. */
    public static void main(String[] args) {
        BenchArgs a = new BenchArgs(args[0] + "-" + args[1], "recurrent", Integer.parseInt(args[6]),
                Integer.parseInt(args[7]), Map.of("cell", args[0], "mode", args[1], "B", args[2], "T", args[3],
                        "I", args[4], "H", args[5]));
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            System.out.println(PeerJson.row("pytorch", a.row(), TorchBench.time(root, create(root, a), a.warmup(), a.steps())));
        }
    }

    static TorchStep create(NDManager root, BenchArgs a) {
        String cell = a.str("cell");
        int b = a.i("B"), t = a.i("T"), in = a.i("I"), h = a.i("H");
        int gates = switch (cell) { case "lstm" -> 4; case "gru" -> 3; case "rnn" -> 1;
            default -> throw new IllegalArgumentException("cell expected lstm|gru|rnn, got " + cell); };
        boolean train = a.str("mode").equals("train");
        NDList params = new NDList();
        float bound = (float) (1 / Math.sqrt(h));
        params.add(root.randomUniform(-bound, bound, new Shape(gates * h, in)));
        params.add(root.randomUniform(-bound, bound, new Shape(gates * h, h)));
        params.add(root.randomUniform(-bound, bound, new Shape(gates * h)));
        params.add(root.randomUniform(-bound, bound, new Shape(gates * h)));
        for (NDArray p : params) p.setRequiresGradient(train);
        NDArray x = root.randomNormal(new Shape(b, t, in));
        x.setRequiresGradient(train);
        NDList grads = new NDList(params).addAll(new NDList(x));
        return step -> {
            NDArray xs = TorchBench.view(x, step);
            if (train) {
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(run(cell, xs, params, step, b, h, true).sum());
                }
                TorchOptim.zeroGrad(grads);
            } else {
                run(cell, xs, params, step, b, h, false);
            }
        };
    }

    /** {@code training} selects oneDNN's forward_training (keeps the workspace for backward) or forward_inference. */
    private static NDArray run(String cell, NDArray x, NDList params, NDManager m, int b, int h, boolean training) {
        NDArray h0 = m.zeros(new Shape(1, b, h));
        var ex = x.getNDArrayInternal();
        return switch (cell) {
            case "lstm" -> ex.lstm(x, new NDList(h0, m.zeros(new Shape(1, b, h))), params, true, 1, 0, training, false, true).get(0);
            case "gru" -> ex.gru(x, h0, params, true, 1, 0, training, false, true).get(0);
            default -> ex.rnn(x, h0, params, true, 1, RNN.Activation.TANH, 0, training, false, true).get(0);
        };
    }
}
