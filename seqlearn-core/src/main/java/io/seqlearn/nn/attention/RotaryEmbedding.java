package io.seqlearn.nn.attention;

import io.seqlearn.ops.F;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.List;

/**
 * Rotary position embedding (RoPE), Su et al. 2021 "RoFormer", eq. 34: each pair (x_a, x_b) of a query or
 * key head vector at position p is rotated by angle p·θ_i, θ_i = base^(−2i/Dh):
 * <pre>  (x_a, x_b) → (x_a cos pθ_i − x_b sin pθ_i,  x_b cos pθ_i + x_a sin pθ_i)</pre>
 * so that ⟨rope(q, m), rope(k, n)⟩ depends on m − n only. Pairing: {@code interleaved = false} pairs
 * dimension i with i + Dh/2 (GPT-NeoX / Hugging Face LLaMA "rotate_half"), {@code true} pairs 2i with 2i+1
 * (the paper, GPT-J). No parameters; differentiable; apply to (…, T, Dh) heads after projection.
 */
public final class RotaryEmbedding {
    private final int headDim;
    private final double base;
    private final boolean interleaved;

    public RotaryEmbedding(int headDim, double base, boolean interleaved) {
        if (headDim % 2 != 0) throw new IllegalArgumentException("rotary_embedding: head dim must be even, got " + headDim);
        this.headDim = headDim;
        this.base = base;
        this.interleaved = interleaved;
    }

    /** Base 10000, rotate-half pairing. */
    public RotaryEmbedding(int headDim) { this(headDim, 10000.0, false); }

    /** Rotates x (…, T, Dh) for positions offset .. offset + T − 1. */
    public Tensor apply(Tensor x, int offset) {
        if (x.rank() < 2 || x.size(-1) != headDim) {
            throw new ShapeException("rotary_embedding: input expected (…, T, " + headDim + "), got " + Shapes.str(x.shapeRef()));
        }
        int t = x.size(-2), half = headDim / 2;
        Tensor cos = angles(t, offset, x.dtype(), true), sin = angles(t, offset, x.dtype(), false); // (T, Dh/2)
        Tensor a, b;
        if (interleaved) {
            int[] s = x.shape();
            int[] pairs = java.util.Arrays.copyOf(s, s.length + 1);
            pairs[s.length - 1] = half;
            pairs[s.length] = 2;
            Tensor p = x.reshape(pairs);
            a = p.select(-1, 0);
            b = p.select(-1, 1);
            Tensor ra = a.mul(cos).sub(b.mul(sin)), rb = b.mul(cos).add(a.mul(sin));
            return F.stack(List.of(ra, rb), -1).reshape(s);
        }
        a = x.narrow(-1, 0, half);
        b = x.narrow(-1, half, half);
        return F.concat(List.of(a.mul(cos).sub(b.mul(sin)), b.mul(cos).add(a.mul(sin))), -1);
    }

    private Tensor angles(int t, int offset, DType dtype, boolean cos) {
        int half = headDim / 2;
        Tensor out = Tensors.zeros(dtype, t, half);
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                double theta = (offset + p) * Math.pow(base, -2.0 * i / headDim);
                out.put(p * half + i, cos ? Math.cos(theta) : Math.sin(theta));
            }
        }
        return out;
    }

    public int headDim() { return headDim; }

    public boolean interleaved() { return interleaved; }
}
