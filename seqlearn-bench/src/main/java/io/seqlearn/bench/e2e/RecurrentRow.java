package io.seqlearn.bench.e2e;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.rnn.GRU;
import io.seqlearn.nn.rnn.LSTM;
import io.seqlearn.nn.rnn.RNN;
import io.seqlearn.nn.rnn.RecurrentLayer;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

/**
 * Recurrent-layer rows: one {@link LSTM}, {@link GRU} or tanh {@link RNN} layer, unidirectional,
 * batch-first x (B, T, I), zero initial state, default options.
 *
 * <p>Training step = forward over the whole sequence + backward of sum(output) to the input and all four
 * weights, then the gradients are dropped ({@code zeroGrad}, PyTorch's set_to_none). Inference = forward
 * under {@link GradMode#disabled()}. Row parameters: cell (lstm|gru|rnn), mode (train|infer), B, T, I, H.
 */
final class RecurrentRow {
    private RecurrentRow() {}

    static Runnable create(BenchArgs a) {
        int b = a.i("B"), t = a.i("T"), in = a.i("I"), h = a.i("H");
        Rng rng = new Rng(1);
        RecurrentLayer layer = switch (a.str("cell")) {
            case "lstm" -> new LSTM(in, h, LSTM.Options.defaults(), rng);
            case "gru" -> new GRU(in, h, GRU.Options.defaults(), rng);
            case "rnn" -> new RNN(in, h, RNN.Options.defaults(), rng);
            default -> throw new IllegalArgumentException("cell expected lstm|gru|rnn, got " + a.str("cell"));
        };
        Tensor x = Tensors.randn(DType.F32, rng, b, t, in);
        if (a.str("mode").equals("infer")) {
            layer.eval();
            return () -> {
                try (GradMode g = GradMode.disabled()) {
                    layer.forward(x, null);
                }
            };
        }
        x.requiresGrad(true);
        return () -> {
            layer.forward(x, null).output().sum().backward();
            layer.zeroGrad();
            x.setGrad(null);
        };
    }
}
