package io.seqlearn.nn.transformer;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.attention.AttnMask;
import io.seqlearn.nn.attention.MultiHeadAttention;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class KVCacheTest {
    private static final MultiHeadAttention.Args NONE = MultiHeadAttention.Args.none();

    private static void cachedEqualsFull(DType dtype, boolean normFirst, double tol) {
        Rng rng = new Rng(normFirst ? 5 : 6);
        var o = TransformerOptions.defaults().withDimFeedforward(24).withDtype(dtype).withNormFirst(normFirst);
        var dec = new TransformerDecoder(8, 2, 2, o, normFirst, rng);
        dec.eval();
        int b = 3, t = 20, s = 6;
        Tensor tgt = Tensors.randn(dtype, rng, b, t, 8), mem = Tensors.randn(dtype, rng, b, s, 8);
        var memArgs = NONE.withKeyPaddingMask(AttnMask.fromLengths(new int[]{6, 4, 1}, s, dtype));
        Tensor full = dec.forward(tgt, mem, NONE.withCausal(true), memArgs);
        KVCache cache = dec.newCache();
        // feed 1 token, then 3 at once, then one at a time: the cache must not care
        int at = 0;
        for (int step : new int[]{1, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}) {
            Tensor out = dec.forwardStep(tgt.narrow(1, at, step), mem, memArgs, cache);
            double[] expect = full.narrow(1, at, step).toDoubleArray(), got = out.toDoubleArray();
            for (int i = 0; i < got.length; i++) assertEquals(expect[i], got[i], tol, "position " + at + " element " + i);
            at += step;
        }
        assertEquals(t, cache.length());
    }

    @Test void cachedDecodingEqualsFullRecomputationF64() {
        cachedEqualsFull(DType.F64, false, 1e-12);
        cachedEqualsFull(DType.F64, true, 1e-12);
    }

    @Test void cachedDecodingEqualsFullRecomputationF32TiledPath() {
        cachedEqualsFull(DType.F32, false, 2e-5);
    }

    @Test void selectReordersBeamsLikeReorderedInputs() {
        Rng rng = new Rng(9);
        var dec = new TransformerDecoder(8, 2, 1, TransformerOptions.defaults().withDimFeedforward(16).withDtype(DType.F64), false, rng);
        dec.eval();
        Tensor tgt = Tensors.randn(DType.F64, rng, 2, 4, 8), mem = Tensors.randn(DType.F64, rng, 2, 3, 8);
        KVCache c = dec.newCache();
        dec.forwardStep(tgt.narrow(1, 0, 3), mem, NONE, c);
        int[] rows = {1, 1, 0};
        Tensor idx = Tensors.indices(DType.F64, rows);
        KVCache r = c.select(rows);
        Tensor got = dec.forwardStep(tgt.indexSelect(0, idx).narrow(1, 3, 1), mem.indexSelect(0, idx), NONE, r);
        Tensor full;
        try (var g = GradMode.disabled()) {
            full = dec.forward(tgt.indexSelect(0, idx), mem.indexSelect(0, idx), NONE.withCausal(true), NONE);
        }
        assertArrayEquals(full.narrow(1, 3, 1).toDoubleArray(), got.toDoubleArray(), 1e-12);
        assertEquals(3, c.length(), "the original cache is untouched");
    }
}
