package io.seqlearn.nn.attention;

import io.seqlearn.autograd.Node;
import io.seqlearn.ops.Gemm;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;

/**
 * Self-attention from the packed projection as one autograd node, for the common training case (no
 * dropout on the weights, weights not returned, masks without gradient):
 * <pre>  P = softmax(scale · Q·Kᵀ + masks + causal)   per (batch, head), in place over the scores
 *   out[b, :, head h] = P_bh · V_bh              heads merged, (B, L, E)</pre>
 * Backward, with A one (B, H, L, L) buffer: A = dOut·Vᵀ, then the softmax backward in place,
 * A = scale · P ⊙ (A − rowsum(A ⊙ P)), then dQ = A·K, dK = Aᵀ·Q and dV = Pᵀ·dOut, each written into its
 * own columns of one (B, L, 3E) gradient.
 *
 * <p>Why: the three-node route ({@link PackedHeads#scores}, {@link MaskedSoftmax}, {@link PackedHeads#mix})
 * allocated four (B, H, L, L)-sized or (B, L, 3E)-sized tensors more per call — each zeroed by the JVM
 * — and added two (B, L, 3E) gradients that are zero outside each other's columns. Zeroing fresh arrays
 * was 10 % of an attention layer's training step. The arithmetic is the same operation for operation, so
 * results equal the three-node route bit for bit.
 */
final class FusedSelfAttention {
    private FusedSelfAttention() {}

    /**
     * @param qkv   (B, L, 3E) packed projection
     * @param masks additive biases broadcasting to (B, H, L, L), none requiring a gradient
     */
    static Tensor apply(Tensor qkv, int heads, double scale, boolean causal, Tensor... masks) {
        PackedHeads.Layout p = PackedHeads.Layout.of("self_attention", qkv, heads);
        for (Tensor m : masks) {
            if (m.requiresGrad()) throw new IllegalArgumentException("self_attention: a mask that requires a gradient needs the unfused route");
            if (m.dtype() != qkv.dtype()) throw new ShapeException("self_attention: mask dtype " + m.dtype() + " differs from qkv " + qkv.dtype());
        }
        Tensor c = p.qkv();
        int[] scoreShape = {p.b(), heads, p.l(), p.l()};
        BiasRows[] rows = BiasRows.all("self_attention", masks, scoreShape);
        int[] blocks = p.blockOffsets(p.l() * p.l());
        Tensor probs = qkv.newZeros(scoreShape);
        Gemm.batch(p.count(), false, true, p.l(), p.l(), p.dh(), c, p.offsets(0), p.ld(), c, p.offsets(p.e()), p.ld(),
                probs, blocks, p.l());
        MaskedSoftmax.forwardRows(probs, probs, scale, causal, rows);
        Tensor out = qkv.newZeros(p.b(), p.l(), p.e());
        Gemm.batch(p.count(), false, false, p.l(), p.dh(), p.l(), probs, blocks, p.l(), c, p.offsets(2 * p.e()), p.ld(),
                out, p.mergedOffsets(), p.e());
        return Node.record(out, "self_attention",
                g -> new Tensor[]{backward(g.contiguousNoGrad(), p, probs, blocks, scale)}, qkv);
    }

    /** {@code blocks}: the offsets of the (batch, head) blocks of {@code probs}, as in the forward pass. */
    private static Tensor backward(Tensor g, PackedHeads.Layout p, Tensor probs, int[] blocks, double scale) {
        Tensor c = p.qkv();
        int[] gOffs = PackedHeads.shift(p.mergedOffsets(), g.offset());
        Tensor a = probs.newZeros(probs.shapeRef());
        // A = dOut·Vᵀ, then the softmax backward over it in place (scale folded in)
        Gemm.batch(p.count(), false, true, p.l(), p.l(), p.dh(), g, gOffs, p.e(), c, p.offsets(2 * p.e()), p.ld(),
                a, blocks, p.l());
        MaskedSoftmax.backwardRows(a, probs, a, scale);
        Tensor d = c.newZeros(p.b(), p.l(), 3 * p.e());
        Gemm.batch(p.count(), false, false, p.l(), p.dh(), p.l(), a, blocks, p.l(), c, p.offsets(p.e()), p.ld(),
                d, p.offsetsIn(0), p.ld());                                    // dQ = A·K
        Gemm.batch(p.count(), true, false, p.l(), p.dh(), p.l(), a, blocks, p.l(), c, p.offsets(0), p.ld(),
                d, p.offsetsIn(p.e()), p.ld());                                // dK = Aᵀ·Q
        Gemm.batch(p.count(), true, false, p.l(), p.dh(), p.l(), probs, blocks, p.l(), g, gOffs, p.e(),
                d, p.offsetsIn(2 * p.e()), p.ld());                            // dV = Pᵀ·dOut
        return d;
    }
}
