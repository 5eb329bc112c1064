package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PyTorch 2.7.1 (libtorch through DJL) side of the recurrent-layer benchmarks. One process runs one row and
 * prints one JSON line: per-step milliseconds after warm-up, peak heap and peak resident set.
 *
 * <p>Training step = forward over the whole sequence + backward of sum(output) to the input and all weights,
 * exactly what the seqlearn side times. The libtorch op is called directly with a parameter list in PyTorch's
 * order (weight_ih, weight_hh, bias_ih, bias_hh per layer), because DJL's RNN blocks mis-order them for
 * bidirectional layers (../shared/PEERS.md).
 *
 * <p>Usage: {@code TorchRecurrentBench CELL MODE B T I H WARMUP STEPS} with CELL in lstm|gru|rnn and MODE in
 * train|infer.
 */
public final class TorchRecurrentBench {
    public static void main(String[] args) {
        String cell = args[0], mode = args[1];
        int b = Integer.parseInt(args[2]), t = Integer.parseInt(args[3]);
        int in = Integer.parseInt(args[4]), h = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]), steps = Integer.parseInt(args[7]);
        int gates = switch (cell) { case "lstm" -> 4; case "gru" -> 3; default -> 1; };
        List<Double> ms = new ArrayList<>();
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            NDList params = new NDList();
            float bound = (float) (1 / Math.sqrt(h));
            params.add(root.randomUniform(-bound, bound, new Shape(gates * h, in)));
            params.add(root.randomUniform(-bound, bound, new Shape(gates * h, h)));
            params.add(root.randomUniform(-bound, bound, new Shape(gates * h)));
            params.add(root.randomUniform(-bound, bound, new Shape(gates * h)));
            boolean train = mode.equals("train");
            for (NDArray p : params) p.setRequiresGradient(train);
            NDArray x = root.randomNormal(new Shape(b, t, in));
            for (int s = 0; s < warmup + steps; s++) {
                long t0 = System.nanoTime();
                try (NDManager step = root.newSubManager()) {
                    NDArray xs = x.duplicate();
                    xs.attach(step);
                    if (train) xs.setRequiresGradient(true);
                    if (train) {
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray out = run(cell, xs, params, step, b, h);
                            gc.backward(out.sum());
                        }
                        for (NDArray p : params) p.getGradient().toFloatArray(); // force completion
                    } else {
                        run(cell, xs, params, step, b, h).toFloatArray();
                    }
                }
                if (s >= warmup) ms.add((System.nanoTime() - t0) / 1e6);
            }
        }
        System.out.println(PeerJson.row("pytorch", cell + "-" + mode, ms));
    }

    private static NDArray run(String cell, NDArray x, NDList params, NDManager m, int b, int h) {
        NDArray h0 = m.zeros(new Shape(1, b, h));
        var ex = x.getNDArrayInternal();
        return switch (cell) {
            case "lstm" -> ex.lstm(x, new NDList(h0, m.zeros(new Shape(1, b, h))), params, true, 1, 0, true, false, true).get(0);
            case "gru" -> ex.gru(x, h0, params, true, 1, 0, true, false, true).get(0);
            default -> ex.rnn(x, h0, params, true, 1, RNN.Activation.TANH, 0, true, false, true).get(0);
        };
    }
}
