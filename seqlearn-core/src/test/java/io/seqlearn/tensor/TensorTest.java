package io.seqlearn.tensor;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.ops.F;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TensorTest {

    private static Tensor t(double[] v, int... shape) { return Tensor.of(v, shape); }

    @Test void viewsShareStorageAndIndexCorrectly() {
        Tensor x = t(new double[]{0, 1, 2, 3, 4, 5}, 2, 3);
        Tensor xt = x.transpose(0, 1);
        assertArrayEquals(new int[]{3, 2}, xt.shape());
        assertFalse(xt.isContiguous());
        assertArrayEquals(new double[]{0, 3, 1, 4, 2, 5}, xt.toDoubleArray());
        assertEquals(4, x.narrow(1, 1, 2).get(1, 0));
        assertArrayEquals(new double[]{3, 4, 5}, x.select(0, 1).toDoubleArray());
        assertArrayEquals(new double[]{0, 1, 2, 0, 1, 2}, x.select(0, 0).expand(2, 3).toDoubleArray());
        x.set(9, 0, 1);
        assertEquals(9, xt.get(1, 0), "a view sees writes to its base");
        assertArrayEquals(new int[]{3, 2}, x.reshape(-1, 2).shape());
    }

    @Test void aBroadcastValueMadeContiguousFillsEveryElement() {
        Tensor one = Tensor.of(new float[]{0, 7, 0}, 3).narrow(0, 1, 1).reshape(1, 1);
        Tensor c = one.expand(4, 3, 5).contiguous();
        assertTrue(c.isContiguous());
        double[] v = c.toDoubleArray();
        assertEquals(60, v.length);
        for (double e : v) assertEquals(7, e);
        Tensor d = t(new double[]{-2}, 1).expand(2, 3).contiguous();
        assertArrayEquals(new double[]{-2, -2, -2, -2, -2, -2}, d.toDoubleArray());
    }

    @Test void broadcastingArithmetic() {
        Tensor a = t(new double[]{1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = t(new double[]{10, 20, 30}, 3);
        assertArrayEquals(new double[]{11, 22, 33, 14, 25, 36}, a.add(b).toDoubleArray());
        Tensor c = t(new double[]{2, 3}, 2, 1);
        assertArrayEquals(new double[]{2, 4, 6, 12, 15, 18}, a.mul(c).toDoubleArray());
        assertThrows(ShapeException.class, () -> a.add(t(new double[]{1, 2}, 2)));
    }

    @Test void reductionsAlongAxes() {
        Tensor a = t(new double[]{1, 5, 3, 4, 2, 6}, 2, 3);
        assertArrayEquals(new double[]{5, 7, 9}, a.sum(0, false).toDoubleArray());
        assertArrayEquals(new double[]{9, 12}, a.sum(1, false).toDoubleArray());
        assertArrayEquals(new double[]{5, 6}, a.max(1, false).toDoubleArray());
        assertArrayEquals(new double[]{1, 2}, a.argmax(1, false).toDoubleArray());
        assertEquals(3.5, a.mean().item(), 1e-12);
        double lse = Math.log(Math.exp(1) + Math.exp(5) + Math.exp(3));
        assertEquals(lse, a.logsumexp(1, false).get(0), 1e-12);
    }

    @Test void softmaxIsStableForHugeLogits() {
        Tensor a = t(new double[]{1000, 1001, 1002}, 3);
        double[] s = a.softmax(0).toDoubleArray();
        assertEquals(1.0, s[0] + s[1] + s[2], 1e-12);
        assertTrue(s[2] > s[1]);
        double[] ls = a.logSoftmax(0).toDoubleArray();
        assertTrue(Double.isFinite(ls[0]));
        Tensor f = Tensor.of(new float[]{1e4f, 0f}, 2);
        assertEquals(1.0, f.softmax(0).get(0), 1e-7);
    }

    @Test void matmulAgreesWithNaiveProduct() {
        Rng rng = new Rng(3);
        Tensor a = Tensors.randn(DType.F64, rng, 2, 3, 4);
        Tensor b = Tensors.randn(DType.F64, rng, 4, 5);
        Tensor c = a.matmul(b);
        for (int n = 0; n < 2; n++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 5; j++) {
                    double s = 0;
                    for (int k = 0; k < 4; k++) s += a.get(n, i, k) * b.get(k, j);
                    assertEquals(s, c.get(n, i, j), 1e-12);
                }
        assertThrows(ShapeException.class, () -> a.matmul(Tensors.zeros(DType.F64, 3, 5)));
    }

    @Test void concatStackSplit() {
        Tensor a = t(new double[]{1, 2, 3, 4}, 2, 2), b = t(new double[]{5, 6}, 2, 1);
        assertArrayEquals(new double[]{1, 2, 5, 3, 4, 6}, F.concat(List.of(a, b), 1).toDoubleArray());
        assertArrayEquals(new int[]{2, 2, 2}, F.stack(List.of(a, a), 0).shape());
        assertEquals(3, F.chunk(Tensors.zeros(DType.F32, 7), 3, 0).size());
        ShapeException e = assertThrows(ShapeException.class, () -> F.concat(List.of(a, b), 0));
        assertTrue(e.getMessage().contains("concat"), e.getMessage());
    }

    @Test void gatherScatterMask() {
        Tensor x = t(new double[]{10, 11, 12, 20, 21, 22}, 2, 3);
        Tensor idx = Tensors.indices(DType.F64, new int[]{2, 0}, 2, 1);
        assertArrayEquals(new double[]{12, 20}, x.gather(1, idx).toDoubleArray());
        Tensor mask = t(new double[]{0, 1, 0}, 3);
        assertArrayEquals(new double[]{10, -1, 12, 20, -1, 22}, x.maskedFill(mask, -1).toDoubleArray());
        ShapeException e = assertThrows(ShapeException.class, () -> x.gather(1, Tensors.indices(DType.F64, new int[]{3, 0}, 2, 1)));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
    }

    @Test void seededRandomIsReproducible() {
        Tensor a = Tensors.randn(DType.F32, new Rng(42), 100);
        Tensor b = Tensors.randn(DType.F32, new Rng(42), 100);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        Tensor u = Tensors.rand(DType.F64, new Rng(1), 10000);
        assertEquals(0.5, u.mean().item(), 0.02);
        Tensor n = Tensors.randn(DType.F64, new Rng(1), 10000);
        assertEquals(1.0, n.square().mean().item(), 0.05);
        Tensor bern = Tensors.bernoulli(DType.F64, new Rng(1), 0.3, 10000);
        assertEquals(0.3, bern.mean().item(), 0.02);
    }

    @Test void errorsNameTheOpAndShapes() {
        Tensor a = Tensors.zeros(DType.F32, 2, 3);
        ShapeException e = assertThrows(ShapeException.class, () -> a.reshape(4, 2));
        assertTrue(e.getMessage().contains("reshape") && e.getMessage().contains("(2, 3)"), e.getMessage());
        ShapeException d = assertThrows(ShapeException.class, () -> a.add(Tensors.zeros(DType.F64, 2, 3)));
        assertTrue(d.getMessage().contains("dtype"), d.getMessage());
        ShapeException n = assertThrows(ShapeException.class, () -> a.narrow(1, 2, 2));
        assertTrue(n.getMessage().contains("narrow"), n.getMessage());
        assertThrows(ShapeException.class, () -> Shapes.check("lstm", "input", new int[]{8, 50, 16}, -1, -1, 32));
        try {
            Shapes.check("lstm", "input", new int[]{8, 50, 16}, -1, -1, 32);
        } catch (ShapeException ex) {
            assertEquals("lstm: input expected (*, *, 32), got (8, 50, 16)", ex.getMessage());
        }
    }

    @Test void noGradScopeRecordsNothing() {
        Tensor w = Tensors.ones(DType.F64, 3).requiresGrad(true);
        try (var g = GradMode.disabled()) {
            assertFalse(w.mul(2.0).requiresGrad());
        }
        assertTrue(w.mul(2.0).requiresGrad());
    }

    @Test void copyOfAContiguousSliceOrATransposeOwnsItsValues() {
        Tensor base = Tensor.of(new float[]{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        Tensor slice = base.narrow(0, 1, 2);                    // contiguous, offset 2
        Tensor c = slice.copy();
        assertArrayEquals(new float[]{3, 4, 5, 6}, c.toFloatArray());
        assertEquals(0, c.offset());
        assertArrayEquals(new int[]{2, 2}, c.shape());
        c.put(0, 99);
        assertEquals(3f, base.toFloatArray()[2]);                // the copy does not share storage
        Tensor t = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).transpose(0, 1).copy();
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, t.toDoubleArray());
        assertFalse(t.requiresGrad());
    }
}
