package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradClipTest {
    private static Tensor param(double[] grad, DType dt) {
        Tensor p = Tensor.of(new double[grad.length], grad.length).to(dt).requiresGrad(true);
        p.setGrad(Tensor.of(grad.clone(), grad.length).to(dt));
        return p;
    }

    @Test void globalNormScalesAllGradientsTogether() {
        for (DType dt : DType.values()) {
            Tensor a = param(new double[]{3, 0}, dt), b = param(new double[]{0, 4}, dt), none = param(new double[]{1}, dt);
            none.setGrad(null);
            double total = GradClip.clipByGlobalNorm(List.of(a, b, none), 1.0);
            assertEquals(5.0, total, 1e-6);
            double coef = 1.0 / (5.0 + 1e-6);
            assertArrayEquals(new double[]{3 * coef, 0}, a.grad().toDoubleArray(), 1e-7);
            assertArrayEquals(new double[]{0, 4 * coef}, b.grad().toDoubleArray(), 1e-7);
        }
    }

    @Test void smallNormIsUnchanged() {
        Tensor a = param(new double[]{0.3, -0.4}, DType.F64);
        assertEquals(0.5, GradClip.clipByGlobalNorm(List.of(a), 1.0), 1e-15);
        assertArrayEquals(new double[]{0.3, -0.4}, a.grad().toDoubleArray(), 0);
    }

    @Test void otherNorms() {
        Tensor a = param(new double[]{3, -4}, DType.F64), b = param(new double[]{-6}, DType.F64);
        assertEquals(6.0, GradClip.clipByGlobalNorm(List.of(a, b), 3.0, Double.POSITIVE_INFINITY), 0);
        assertEquals(-6 * 3 / (6 + 1e-6), b.grad().item(), 1e-12);
        Tensor c = param(new double[]{1, -2}, DType.F64);
        assertEquals(3.0, GradClip.clipByGlobalNorm(List.of(c), 10, 1), 0);
    }

    @Test void nonFiniteNormIsReturnedAndGradientsKept() {
        Tensor a = param(new double[]{1, Double.POSITIVE_INFINITY}, DType.F32);
        assertEquals(Double.POSITIVE_INFINITY, GradClip.clipByGlobalNorm(List.of(a), 1.0));
        assertEquals(1.0, a.grad().get(0));
        Tensor b = param(new double[]{Double.NaN, 1}, DType.F64);
        assertTrue(Double.isNaN(GradClip.clipByGlobalNorm(List.of(b), 1.0)));
        assertEquals(1.0, b.grad().get(1));
    }

    @Test void clipByValue() {
        Tensor a = param(new double[]{-3, 0.2, 5}, DType.F32);
        GradClip.clipByValue(List.of(a), 1.0);
        assertArrayEquals(new double[]{-1, 0.2f, 1}, a.grad().toDoubleArray(), 0);
    }
}
