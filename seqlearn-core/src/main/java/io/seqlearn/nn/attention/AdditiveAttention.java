package io.seqlearn.nn.attention;

import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * Additive (Bahdanau) attention, Bahdanau, Cho &amp; Bengio 2015, eq. 6 / appendix A.1.2:
 * <pre>  e_ij = vᵀ tanh(W_q q_i + W_k k_j + b),  α_i = softmax_j(e_ij + mask),  c_i = Σ_j α_ij v_j</pre>
 * Parameters: {@code query_proj.weight} (U, Dq), {@code key_proj.weight} (U, Dk), {@code key_proj.bias} (U),
 * {@code v.weight} (1, U); PyTorch-default init. Shapes: query (B, Tq, Dq) or one step (B, Dq), keys
 * (B, Tk, Dk), values (B, Tk, Dv) → context (B, Tq, Dv) or (B, Dv); weights (B, Tq, Tk) or (B, Tk).
 * The mask (optional) is a key-padding mask (B, Tk) or any mask broadcasting to (B, Tq, Tk); fully masked
 * rows give a zero context (see {@link MaskedSoftmax}).
 *
 * <p>A decoder attends with the same keys at every step: {@link #projectKeys} once, then
 * {@link #forwardProjected} per step.
 */
public class AdditiveAttention extends Module {
    private final int queryDim, keyDim, units;
    private final Linear queryProj, keyProj, v;

    public AdditiveAttention(int queryDim, int keyDim, int units, DType dtype, Rng rng) {
        this.queryDim = queryDim;
        this.keyDim = keyDim;
        this.units = units;
        this.queryProj = registerModule("query_proj", new Linear(queryDim, units, false, dtype, rng));
        this.keyProj = registerModule("key_proj", new Linear(keyDim, units, true, dtype, rng));
        this.v = registerModule("v", new Linear(units, 1, false, dtype, rng));
    }

    /** keys (B, Tk, Dk) → W_k keys + b (B, Tk, U). */
    public Tensor projectKeys(Tensor keys) {
        if (keys.rank() != 3) Shapes.check("additive_attention", "keys", keys.shapeRef(), -1, -1, keyDim);
        return keyProj.forward(keys);
    }

    /** Attention of {@code query} over {@code keys}/{@code values}; {@code mask} may be null. */
    public AttentionOutput forward(Tensor query, Tensor keys, Tensor values, AttnMask mask) {
        return forwardProjected(query, projectKeys(keys), values, mask);
    }

    /** As {@link #forward} with keys already projected by {@link #projectKeys}. */
    public AttentionOutput forwardProjected(Tensor query, Tensor projectedKeys, Tensor values, AttnMask mask) {
        boolean step = query.rank() == 2;
        Tensor q = step ? query.unsqueeze(1) : query;
        Shapes.check("additive_attention", "query", q.shapeRef(), projectedKeys.size(0), -1, queryDim);
        Shapes.check("additive_attention", "values", values.shapeRef(), projectedKeys.size(0), projectedKeys.size(1), -1);
        Tensor qp = queryProj.forward(q);                                       // (B, Tq, U)
        Tensor hidden = qp.unsqueeze(2).add(projectedKeys.unsqueeze(1)).tanh(); // (B, Tq, Tk, U)
        Tensor scores = v.forward(hidden).squeeze(-1);                          // (B, Tq, Tk)
        Tensor w = mask == null ? MaskedSoftmax.apply(scores, 1.0, false)
                : MaskedSoftmax.apply(scores, 1.0, false, mask.scoreBias(scores.dtype()));
        Tensor ctx = w.matmul(values);
        return step ? new AttentionOutput(ctx.squeeze(1), w.squeeze(1)) : new AttentionOutput(ctx, w);
    }

    public int units() { return units; }

}
