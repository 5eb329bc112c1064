package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.ops.Gemm;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Shapes;
import io.seqlearn.tensor.Tensor;

/**
 * The two per-head products of self-attention read straight from the packed projection
 * {@code qkv = x·W_inᵀ + b} of shape (B, L, 3E) — queries in columns [0, E), keys [E, 2E), values [2E, 3E),
 * head h in columns [h·Dh, (h+1)·Dh) of each — as batched GEMMs with leading dimension 3E:
 * <pre>  scores[b, h] = Q_bh · K_bhᵀ          (B, H, L, L)
 *   out[b, :, h·Dh:(h+1)·Dh] = W_bh · V_bh   (B, L, E), heads already merged for out_proj</pre>
 * Why: with generic views (select q/k/v, transpose heads, reshape back) the backward pass materialises a
 * zero-filled (B, L, 3E) gradient per slice and adds them, and the head merge copies the output both ways.
 * Here each backward GEMM writes its gradient into its own columns of one (B, L, 3E) buffer and the forward
 * GEMM writes the merged layout directly. Same arithmetic as {@code torch.nn.MultiheadAttention}.
 */
final class PackedHeads {
    private PackedHeads() {}

    /** Q·Kᵀ per head (unscaled: {@link MaskedSoftmax} applies the scale). */
    static Tensor scores(Tensor qkv, int heads) {
        Layout p = Layout.of("attention_scores", qkv, heads);
        Tensor c = p.qkv;
        Tensor s = qkv.newZeros(p.b, heads, p.l, p.l);
        Gemm.batch(p.count(), false, true, p.l, p.l, p.dh, c, p.offsets(0), p.ld, c, p.offsets(p.e), p.ld,
                s, p.blockOffsets(p.l * p.l), p.l);
        return Node.record(s, "attention_scores", g -> {
            Tensor gc = g.contiguousNoGrad();
            Tensor d = qkv.newZeros(p.b, p.l, 3 * p.e);
            int[] gOffs = p.blockOffsets(p.l * p.l);
            // dQ = dS·K, dK = dSᵀ·Q
            Gemm.batch(p.count(), false, false, p.l, p.dh, p.l, gc, shift(gOffs, gc.offset()), p.l, c, p.offsets(p.e), p.ld,
                    d, p.offsetsIn(0), p.ld);
            Gemm.batch(p.count(), true, false, p.l, p.dh, p.l, gc, shift(gOffs, gc.offset()), p.l, c, p.offsets(0), p.ld,
                    d, p.offsetsIn(p.e), p.ld);
            return new Tensor[]{d};
        }, qkv);
    }

    /** Σ_s W[b, h, l, s] · V[b, s, h] per head, heads merged: (B, L, E). */
    static Tensor mix(Tensor weights, Tensor qkv, int heads) {
        Layout p = Layout.of("attention_mix", qkv, heads);
        Shapes.check("attention_mix", "weights", weights.shapeRef(), p.b, heads, p.l, p.l);
        if (weights.dtype() != qkv.dtype()) throw new ShapeException("attention_mix: weights dtype " + weights.dtype() + " differs from qkv " + qkv.dtype());
        Tensor w = weights.contiguousNoGrad(), c = p.qkv;
        Tensor out = qkv.newZeros(p.b, p.l, p.e);
        int[] wOffs = shift(p.blockOffsets(p.l * p.l), w.offset());
        Gemm.batch(p.count(), false, false, p.l, p.dh, p.l, w, wOffs, p.l, c, p.offsets(2 * p.e), p.ld,
                out, p.mergedOffsets(), p.e);
        return Node.record(out, "attention_mix", g -> {
            Tensor gc = g.contiguousNoGrad();
            int[] gOffs = shift(p.mergedOffsets(), gc.offset());
            Tensor dw = null, d = null;
            if (weights.requiresGrad()) {   // dW = dOut·Vᵀ
                dw = qkv.newZeros(p.b, heads, p.l, p.l);
                Gemm.batch(p.count(), false, true, p.l, p.l, p.dh, gc, gOffs, p.e, c, p.offsets(2 * p.e), p.ld,
                        dw, p.blockOffsets(p.l * p.l), p.l);
            }
            if (qkv.requiresGrad()) {       // dV = Wᵀ·dOut, into the value columns
                d = qkv.newZeros(p.b, p.l, 3 * p.e);
                Gemm.batch(p.count(), true, false, p.l, p.dh, p.l, w, wOffs, p.l, gc, gOffs, p.e,
                        d, p.offsetsIn(2 * p.e), p.ld);
            }
            return new Tensor[]{dw, d};
        }, weights, qkv);
    }

    static int[] shift(int[] offs, int by) {
        if (by == 0) return offs;
        int[] r = offs.clone();
        for (int i = 0; i < r.length; i++) r[i] += by;
        return r;
    }

    /** Shapes and per-(batch, head) offsets of a packed (B, L, 3E) projection. */
    record Layout(Tensor qkv, int b, int l, int e, int h, int dh, int ld) {
        static Layout of(String op, Tensor qkv, int heads) {
            int[] s = qkv.shapeRef();
            if (s.length != 3 || heads <= 0 || s[2] % (3 * heads) != 0) {
                throw new ShapeException(op + ": packed qkv expected (B, L, 3·E) with E divisible by " + heads
                        + " heads, got " + Shapes.str(s));
            }
            int e = s[2] / 3;
            return new Layout(qkv.contiguousNoGrad(), s[0], s[1], e, heads, e / heads, 3 * e);
        }

        int count() { return b * h; }

        /** Offsets of head blocks starting at column {@code col} of the packed tensor as stored. */
        int[] offsets(int col) { return shift(offsetsIn(col), qkv.offset()); }

        /** The same offsets in a fresh (B, L, 3E) buffer. */
        int[] offsetsIn(int col) {
            int[] o = new int[count()];
            for (int bi = 0; bi < b; bi++) {
                for (int hi = 0; hi < h; hi++) o[bi * h + hi] = bi * l * ld + col + hi * dh;
            }
            return o;
        }

        /** Offsets of contiguous blocks of {@code size} (one per batch·head). */
        int[] blockOffsets(int size) {
            int[] o = new int[count()];
            for (int i = 0; i < o.length; i++) o[i] = i * size;
            return o;
        }

        /** Offsets of head h of batch b in a (B, L, E) merged output. */
        int[] mergedOffsets() {
            int[] o = new int[count()];
            for (int bi = 0; bi < b; bi++) {
                for (int hi = 0; hi < h; hi++) o[bi * h + hi] = bi * l * e + hi * dh;
            }
            return o;
        }
    }
}
