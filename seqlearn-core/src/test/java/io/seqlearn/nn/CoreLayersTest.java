package io.seqlearn.nn;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CoreLayersTest {
    private final Rng rng = new Rng(11);

    @Test void linearGradCheckAndShapeError() {
        Linear lin = new Linear(4, 3, true, DType.F64, rng);
        Tensor x = Tensors.randn(DType.F64, rng, 2, 5, 4);
        GradCheck.check(in -> lin.forward(in[0]), x);
        GradCheck.check(in -> io.seqlearn.ops.F.linear(x, in[0], in[1]), lin.weight().detach().copy(), lin.bias().detach().copy());
        ShapeException e = assertThrows(ShapeException.class, () -> lin.forward(Tensors.zeros(DType.F64, 2, 5)));
        assertEquals("linear: input expected (*, 4), got (2, 5)", e.getMessage());
        assertEquals(15, lin.parameterCount());
    }

    @Test void embeddingPaddingRowGetsNoGradient() {
        Embedding emb = new Embedding(5, 3, 0, DType.F64, rng);
        assertArrayEquals(new double[3], emb.weight().narrow(0, 0, 1).toDoubleArray());
        Tensor ids = Tensors.indices(DType.F64, new int[]{0, 2, 2, 4, 0, 1}, 2, 3);
        Tensor out = emb.forward(ids);
        assertArrayEquals(new int[]{2, 3, 3}, out.shape());
        out.mul(out).sum().backward();
        assertArrayEquals(new double[3], emb.weight().grad().narrow(0, 0, 1).toDoubleArray());
        double[] row2 = emb.weight().narrow(0, 2, 1).toDoubleArray();
        double[] g2 = emb.weight().grad().narrow(0, 2, 1).toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(4 * row2[i], g2[i], 1e-12, "two uses of token 2 accumulate");
        assertThrows(ShapeException.class, () -> emb.forward(Tensors.indices(DType.F64, new int[]{5})));
    }

    @Test void embeddingGradCheck() {
        Embedding emb = new Embedding(4, 2, -1, DType.F64, rng);
        Tensor ids = Tensors.indices(DType.F64, new int[]{3, 1, 3});
        // GradCheck perturbs the weight tensor itself, which the layer reads on every forward.
        GradCheck.check(in -> emb.forward(ids), emb.weight());
    }

    @Test void layerNormGradCheckAndStatistics() {
        LayerNorm ln = new LayerNorm(6, 1e-5, DType.F64);
        Tensor x = Tensors.randn(DType.F64, rng, 3, 6).mul(3.0).add(2.0);
        Tensor y = ln.forward(x);
        for (int r = 0; r < 3; r++) {
            assertEquals(0, y.select(0, r).mean().item(), 1e-9);
            assertEquals(1, y.select(0, r).square().mean().item(), 1e-4);
        }
        GradCheck.check(in -> ln.forward(in[0]), x);
    }

    @Test void dropoutScalesSurvivorsAndIsIdentityInEval() {
        Dropout d = new Dropout(0.5, new Rng(1));
        Tensor x = Tensors.ones(DType.F64, 10000);
        Tensor y = d.forward(x);
        assertEquals(1.0, y.mean().item(), 0.05);
        for (double v : y.toDoubleArray()) assertTrue(v == 0 || v == 2);
        d.eval();
        assertSame(x, d.forward(x));
    }

    @Test void initialisersHaveTheRightSpread() {
        Tensor w = Tensors.zeros(DType.F64, 64, 32);
        Init.orthogonal(w, rng, 1.0);
        Tensor wtw = w.transpose(0, 1).matmul(w);
        for (int i = 0; i < 32; i++) for (int j = 0; j < 32; j++) assertEquals(i == j ? 1 : 0, wtw.get(i, j), 1e-9);
        Init.xavierUniform(w, rng, 1.0);
        double bound = Math.sqrt(6.0 / 96);
        for (double v : w.toDoubleArray()) assertTrue(Math.abs(v) <= bound);
        Init.heNormal(w, rng);
        assertEquals(2.0 / 32, w.square().mean().item(), 0.01);
    }

    @Test void stateDictRoundTripAndStrictLoad() {
        Linear a = new Linear(3, 2, rng), b = new Linear(3, 2, rng);
        b.loadStateDict(a.stateDict(), true);
        assertArrayEquals(a.weight().toFloatArray(), b.weight().toFloatArray());
        var bad = new java.util.HashMap<>(a.stateDict());
        bad.remove("bias");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(bad, true));
        assertTrue(e.getMessage().contains("bias"));
    }

    @Test void activationsByKerasName() {
        Tensor x = Tensor.of(new double[]{-1, 0, 2}, 3);
        assertArrayEquals(new double[]{0, 0, 2}, Activation.of("relu").forward(x).toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> Activation.of("swishy"));
    }
}
