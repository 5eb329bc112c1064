package io.seqlearn.nn.attention;

import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Multiplicative (Luong) attention, Luong, Pham &amp; Manning 2015, §3.1, with its three score functions:
 * <pre>  dot:     score(q, k) = qᵀ k
 *  general: score(q, k) = qᵀ W_a k                 ({@code key_proj.weight} = W_a, (Dq, Dk))
 *  concat:  score(q, k) = v_aᵀ tanh(W_a [q; k])      ({@code concat_proj.weight} = W_a, (U, Dq + Dk); {@code v.weight} (1, U))</pre>
 * followed by α = softmax(score + mask) and context c = Σ α v. Shapes as {@link AdditiveAttention}: query
 * (B, Tq, Dq) or (B, Dq), keys (B, Tk, Dk), values (B, Tk, Dv). The attentional hidden state
 * h̃ = tanh(W_c [c; h]) belongs to the decoder, not here. Fully masked rows give a zero context.
 */
public class LuongAttention extends Module {
    /** The score function. */
    public enum Score { DOT, GENERAL, CONCAT }

    private final Score score;
    private final int queryDim, keyDim;
    private final Linear keyProj, concatProj, v;

    /** {@code units} is used by CONCAT only; DOT needs queryDim = keyDim. */
    public LuongAttention(Score score, int queryDim, int keyDim, int units, DType dtype, Rng rng) {
        if (score == Score.DOT && queryDim != keyDim) {
            throw new IllegalArgumentException("luong_attention: dot score needs query dim " + queryDim + " = key dim " + keyDim);
        }
        this.score = score;
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.keyProj = score == Score.GENERAL ? registerModule("key_proj", new Linear(keyDim, queryDim, false, dtype, rng)) : null;
        this.concatProj = score == Score.CONCAT ? registerModule("concat_proj", new Linear(queryDim + keyDim, units, false, dtype, rng)) : null;
        this.v = score == Score.CONCAT ? registerModule("v", new Linear(units, 1, false, dtype, rng)) : null;
    }

    /** The per-key part of the score, computed once per source sequence: keys, W_a keys, or W_a,k keys. */
    public Tensor projectKeys(Tensor keys) {
        Shapes.check("luong_attention", "keys", keys.shapeRef(), -1, -1, keyDim);
        return switch (score) {
            case DOT -> keys;
            case GENERAL -> keyProj.forward(keys);
            case CONCAT -> F.linear(keys, concatProj.weight().narrow(1, queryDim, keyDim), null);
        };
    }

    /** Attention of {@code query} over {@code keys}/{@code values}; {@code mask} may be null. */
    public AttentionOutput forward(Tensor query, Tensor keys, Tensor values, AttnMask mask) {
        return forwardProjected(query, projectKeys(keys), values, mask);
    }

    /** As {@link #forward} with keys already passed through {@link #projectKeys}. */
    public AttentionOutput forwardProjected(Tensor query, Tensor projectedKeys, Tensor values, AttnMask mask) {
        boolean step = query.rank() == 2;
        Tensor q = step ? query.unsqueeze(1) : query;
        Shapes.check("luong_attention", "query", q.shapeRef(), projectedKeys.size(0), -1, queryDim);
        Shapes.check("luong_attention", "values", values.shapeRef(), projectedKeys.size(0), projectedKeys.size(1), -1);
        Tensor scores = switch (score) {
            case DOT, GENERAL -> q.matmul(projectedKeys.transpose(1, 2));
            case CONCAT -> {
                Tensor qp = F.linear(q, concatProj.weight().narrow(1, 0, queryDim), null);
                yield v.forward(qp.unsqueeze(2).add(projectedKeys.unsqueeze(1)).tanh()).squeeze(-1);
            }
        };
        Tensor w = mask == null ? MaskedSoftmax.apply(scores, 1.0, false)
                : MaskedSoftmax.apply(scores, 1.0, false, mask.scoreBias(scores.dtype()));
        Tensor ctx = w.matmul(values);
        return step ? new AttentionOutput(ctx.squeeze(1), w.squeeze(1)) : new AttentionOutput(ctx, w);
    }

    public Score score() { return score; }
}
