package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.decode.StepModel;
import io.seqlearn.tasks.nets.LanguageModelNet;
import io.seqlearn.tasks.nets.Recurrent;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.Arrays;

/**
 * A trained language model as a {@link StepModel} for the decoders: a recurrent model keeps its state per
 * row; a Transformer keeps each row's tokens and re-reads the last {@code context} of them every step.
 */
final class LanguageModelSteps implements StepModel<LanguageModelSteps.State> {
    /** Per-row recurrent state, or per-row token history (Transformer). */
    record State(Recurrent.State rnn, int[][] history) {}

    private final LanguageModelNet net;

    LanguageModelSteps(LanguageModelNet net) { this.net = net; }

    /** The state after reading all of {@code ids} but the last (which the decoder feeds as its first token). */
    State prefill(int[] ids) {
        int[] head = Arrays.copyOf(ids, ids.length - 1);
        if (net.config().isTransformer()) return new State(null, new int[][]{head});
        if (head.length == 0) return new State(null, null);
        try (var g = GradMode.disabled()) {
            net.train(false);
            return new State(net.forward(row(head), null).state(), null);
        }
    }

    @Override
    public Step<State> step(State s, int[] last) {
        try (var g = GradMode.disabled()) {
            net.train(false);
            if (!net.config().isTransformer()) {
                LanguageModelNet.Result r = net.forward(column(last), s.rnn());
                return new Step<>(r.logits().reshape(last.length, -1), new State(r.state(), null));
            }
            int[][] hist = new int[last.length][];
            for (int i = 0; i < last.length; i++) {
                int[] h = s.history()[i];
                hist[i] = Arrays.copyOf(h, h.length + 1);
                hist[i][h.length] = last[i];
            }
            int t = Math.min(hist[0].length, net.config().context());
            float[] ids = new float[last.length * t];
            for (int i = 0; i < last.length; i++) {
                for (int j = 0; j < t; j++) ids[i * t + j] = hist[i][hist[i].length - t + j];
            }
            Tensor logits = net.forward(Tensor.wrap(ids, Backends.defaultBackend(), last.length, t), null).logits();
            return new Step<>(logits.select(1, t - 1), new State(null, hist));
        }
    }

    @Override
    public State select(State s, int[] rows) {
        if (s.history() != null) {
            int[][] h = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) h[i] = s.history()[rows[i]];
            return new State(null, h);
        }
        if (s.rnn() == null) return s;
        return new State(s.rnn().select(Tensors.indices(DType.F32, rows, rows.length)), null);
    }

    private static Tensor row(int[] ids) { return Tensors.indices(DType.F32, ids, 1, ids.length); }

    private static Tensor column(int[] ids) { return Tensors.indices(DType.F32, ids, ids.length, 1); }
}
