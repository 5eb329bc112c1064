package io.seqlearn.nn.attention;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.autograd.GradMode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ScaledDotProductAttentionTest {
    private final Rng rng = new Rng(5);

    /** Reference written from the formula with plain ops: softmax(QKᵀ/√E + mask) V. */
    private static Tensor naive(Tensor q, Tensor k, Tensor v, Tensor mask) {
        Tensor s = q.matmul(k.transpose(-1, -2)).div(Math.sqrt(q.size(-1)));
        if (mask != null) s = s.add(mask);
        return s.softmax(-1).matmul(v);
    }

    @Test void plainPathMatchesTheFormula() {
        Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 4), k = Tensors.randn(DType.F64, rng, 2, 5, 4);
        Tensor v = Tensors.randn(DType.F64, rng, 2, 5, 6);
        Tensor mask = Tensors.randn(DType.F64, rng, 3, 5);
        var out = ScaledDotProductAttention.apply(q, k, v, ScaledDotProductAttention.Args.defaults().withMasks(mask).withNeedWeights(true));
        assertArrayEquals(naive(q, k, v, mask).toDoubleArray(), out.output().toDoubleArray(), 1e-12);
        assertArrayEquals(new int[]{2, 3, 5}, out.weights().shape());
    }

    @Test void gradCheckQueryKeyValueAndAdditiveMask() {
        Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 4), k = Tensors.randn(DType.F64, rng, 2, 5, 4);
        Tensor v = Tensors.randn(DType.F64, rng, 2, 5, 3), mask = Tensors.randn(DType.F64, rng, 2, 1, 5);
        GradCheck.check(in -> ScaledDotProductAttention.plain(in[0], in[1], in[2], 0.4, true, 0, null, in[3]).output(),
                q, k, v, mask);
    }

    @Test void gradCheckWithFullyMaskedRowsIsFiniteAndZeroForThoseRows() {
        Tensor q = Tensors.randn(DType.F64, rng, 2, 3, 4), k = Tensors.randn(DType.F64, rng, 2, 4, 4);
        Tensor v = Tensors.randn(DType.F64, rng, 2, 4, 2);
        Tensor pad = AttnMask.fromLengths(new int[]{2, 0}, 4, DType.F64).bias(DType.F64).reshape(2, 1, 4);
        GradCheck.check(in -> ScaledDotProductAttention.plain(in[0], in[1], in[2], 0.5, false, 0, null, pad).output(), q, k, v);
        Tensor out = ScaledDotProductAttention.plain(q, k, v, 0.5, false, 0, null, pad).output();
        assertArrayEquals(new double[3 * 2], out.select(0, 1).toDoubleArray());
        for (double g : q.grad().toDoubleArray()) assertTrue(Double.isFinite(g));
    }

    @Test void dropoutOnWeightsIsSeededAndScales() {
        Tensor q = Tensors.randn(DType.F64, rng, 1, 40, 4), k = Tensors.randn(DType.F64, rng, 1, 40, 4);
        Tensor v = Tensors.ones(DType.F64, 1, 40, 1);
        var a = ScaledDotProductAttention.plain(q, k, v, 0.5, false, 0.5, new Rng(9)).weights();
        var b = ScaledDotProductAttention.plain(q, k, v, 0.5, false, 0.5, new Rng(9)).weights();
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray());
        long zeros = java.util.Arrays.stream(a.toDoubleArray()).filter(x -> x == 0).count();
        assertTrue(zeros > 600 && zeros < 1000, "about half of 1600 dropped: " + zeros);
        assertEquals(40.0, a.sum().item(), 8.0, "expectation of the row sums is preserved");
    }

    @Test void tiledPathEqualsPlainPathAcrossBlocksMasksAndBroadcasts() {
        Rng r = new Rng(8);
        int b = 2, h = 3, tq = 70, tk = 300, e = 8, ev = 5;
        Tensor q = Tensors.randn(DType.F32, r, b, h, tq, e), k = Tensors.randn(DType.F32, r, b, 1, tk, e);
        Tensor v = Tensors.randn(DType.F32, r, b, h, tk, ev);
        Tensor pad = AttnMask.fromLengths(new int[]{tk, 131}, tk, DType.F32).bias(DType.F32).reshape(b, 1, 1, tk);
        Tensor add = Tensors.randn(DType.F32, r, tq, tk);
        Tensor rowBlock = Tensors.zeros(DType.F32, tq, 1);
        rowBlock.set(Double.NEGATIVE_INFINITY, 5, 0); // query 5 sees nothing at all
        for (boolean causal : new boolean[]{false, true}) {
            Tensor plain = ScaledDotProductAttention.plain(q, k, v, 0.3, causal, 0, null, pad, add, rowBlock).output();
            Tensor tiled = TiledAttention.apply(q, k, v, 0.3, causal, pad, add, rowBlock);
            assertArrayEquals(plain.toFloatArray(), tiled.toFloatArray(), 2e-5f, "causal=" + causal);
            assertEquals(0.0, tiled.get(0, 0, 5, 0));
        }
        // transposed (non-contiguous) operands go to GEMM as flags
        Tensor kt = Tensors.randn(DType.F32, r, b, h, e, tk).transpose(-1, -2);
        assertArrayEquals(ScaledDotProductAttention.plain(q, kt, v, 0.3, false, 0, null).output().toFloatArray(),
                TiledAttention.apply(q, kt, v, 0.3, false).toFloatArray(), 2e-5f);
    }

    @Test void inferenceUsesTiledPathAndAgreesAtT4096() {
        Rng r = new Rng(2);
        int t = 4096, e = 8;
        Tensor x = Tensors.randn(DType.F32, r, 1, t, e);
        Tensor out;
        try (var g = GradMode.disabled()) {
            out = ScaledDotProductAttention.apply(x, x, x, ScaledDotProductAttention.Args.defaults().withCausal(true)).output();
        }
        assertNull(ScaledDotProductAttention.apply(x, x, x, ScaledDotProductAttention.Args.defaults()).weights());
        // check a few query rows against the plain path restricted to those rows
        for (int row : new int[]{0, 1, 2047, 4095}) {
            Tensor qr = x.narrow(1, row, 1), kr = x.narrow(1, 0, row + 1);
            Tensor ref = ScaledDotProductAttention.plain(qr, kr, kr, 1 / Math.sqrt(e), false, 0, null).output();
            assertArrayEquals(ref.toFloatArray(), out.narrow(1, row, 1).toFloatArray(), 1e-5f, "row " + row);
        }
    }

    @Test void shapeErrorsNameTheOp() {
        Tensor q = Tensors.zeros(DType.F32, 2, 3, 4);
        var ex = assertThrows(ShapeException.class, () -> ScaledDotProductAttention.apply(q, Tensors.zeros(DType.F32, 2, 5, 3),
                Tensors.zeros(DType.F32, 2, 5, 3), ScaledDotProductAttention.Args.defaults()));
        assertEquals("scaled_dot_product_attention: key expected (…, Tk, 4), got (2, 5, 3)", ex.getMessage());
    }
}
