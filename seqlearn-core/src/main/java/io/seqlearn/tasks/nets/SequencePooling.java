package io.seqlearn.tasks.nets;

import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.Backends;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Locale;

/**
 * Reduces a padded sequence of vectors h (B, T, D) with lengths (B,) to one vector per sequence (B, D):
 * <ul>
 *   <li>{@code max}: the element-wise maximum over valid steps (Conneau et al. 2017, InferSent's BiLSTM-max);</li>
 *   <li>{@code mean}: the average over valid steps;</li>
 *   <li>{@code attention}: Σ_t α_t h_t with α = softmax_t(vᵀ tanh(W h_t)) over valid steps (Yang et al. 2016,
 *       "Hierarchical Attention Networks"; parameters {@code proj.weight/bias} (A, D), {@code score.weight} (1, A)).</li>
 * </ul>
 * ("last", the final hidden state, is taken from the recurrent layer itself.)
 */
public final class SequencePooling extends Module {
    private static final double BLOCKED = -1e9;

    /** How steps are combined. */
    public enum Kind {
        MAX, MEAN, LAST, ATTENTION;

        public static Kind parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown pooling '" + s + "'; expected max, mean, last or attention");
            }
        }
    }

    private final Kind kind;
    private final Linear proj, score;

    public SequencePooling(Kind kind, int dim, Rng rng) {
        this.kind = kind;
        if (kind == Kind.ATTENTION) {
            this.proj = registerModule("proj", new Linear(dim, dim, rng));
            this.score = registerModule("score", new Linear(dim, 1, false, rng));
        } else {
            this.proj = null;
            this.score = null;
        }
    }

    /** h (B, T, D), lengths (B,) → (B, D). {@link Kind#LAST} is not handled here. */
    public Tensor forward(Tensor h, Tensor lengths) {
        Tensor pad = padMask(lengths, h.size(1));
        return switch (kind) {
            case MAX -> h.maskedFill(pad, BLOCKED).max(1, false);
            case MEAN -> h.maskedFill(pad, 0).sum(1, false).div(lengths.unsqueeze(1));
            case ATTENTION -> {
                Tensor e = score.forward(proj.forward(h).tanh()).maskedFill(pad, BLOCKED);   // (B, T, 1)
                yield h.mul(e.softmax(1)).sum(1, false);
            }
            case LAST -> throw new IllegalStateException("pooling 'last' is the recurrent layer's final state");
        };
    }

    public Kind kind() { return kind; }

    /** (B, T, 1): 1 at steps t ≥ length (padding), else 0. */
    public static Tensor padMask(Tensor lengths, int t) {
        int b = lengths.size(0);
        float[] m = new float[b * t];
        for (int i = 0; i < b; i++) {
            int len = (int) lengths.get(i);
            for (int j = len; j < t; j++) m[i * t + j] = 1;
        }
        return Tensor.wrap(m, Backends.defaultBackend(), b, t, 1);
    }
}
