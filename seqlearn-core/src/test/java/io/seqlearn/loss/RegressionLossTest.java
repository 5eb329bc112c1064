package io.seqlearn.loss;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RegressionLossTest {
    private final Rng rng = new Rng(5);
    private final Tensor x = Tensor.of(new double[]{1.0, -2.0, 0.5, 3.0}, 2, 2);
    private final Tensor y = Tensor.of(new double[]{0.0, 0.0, 0.25, 0.5}, 2, 2); // d = 1, −2, 0.25, 2.5

    private Tensor r(int... shape) { return Tensors.uniform(DType.F64, rng, -3, 3, shape); }

    @Test void handComputedValues() {
        assertEquals((1 + 4 + 0.0625 + 6.25) / 4, new MSELoss().apply(x, y).item(), 1e-12);
        assertEquals(1 + 4 + 0.0625 + 6.25, new MSELoss(Reduction.SUM).apply(x, y).item(), 1e-12);
        assertEquals((1 + 2 + 0.25 + 2.5) / 4, new L1Loss().apply(x, y).item(), 1e-12);
        // Huber δ = 1.5: 0.5, 1.5(2 − 0.75), 0.03125, 1.5(2.5 − 0.75)
        assertArrayEquals(new double[]{0.5, 1.875, 0.03125, 2.625},
                new HuberLoss(1.5, Reduction.NONE).apply(x, y).toDoubleArray(), 1e-12);
        // SmoothL1 β = 2: 0.25, 2 − 1, 0.015625, 2.5 − 1
        assertArrayEquals(new double[]{0.25, 1.0, 0.015625, 1.5},
                new SmoothL1Loss(2, Reduction.NONE).apply(x, y).toDoubleArray(), 1e-12);
        assertEquals(new L1Loss().apply(x, y).item(), new SmoothL1Loss(0).apply(x, y).item(), 1e-12);
    }

    @Test void smoothL1IsHuberOverBeta() {
        Tensor a = r(3, 4), b = r(3, 4);
        assertEquals(new HuberLoss(0.7).apply(a, b).item() / 0.7, new SmoothL1Loss(0.7).apply(a, b).item(), 1e-12);
    }

    @Test void gradientsFlowToPredictionAndTarget() {
        Tensor a = x.copy().requiresGrad(true), b = y.copy().requiresGrad(true);
        new MSELoss().apply(a, b).backward();
        assertArrayEquals(new double[]{0.5, -1, 0.125, 1.25}, a.grad().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{-0.5, 1, -0.125, -1.25}, b.grad().toDoubleArray(), 1e-12);
    }

    @Test void gradChecks() {
        for (Reduction red : Reduction.values()) {
            GradCheck.check(v -> new MSELoss(red).apply(v[0], v[1]), r(3, 4), r(3, 4));
            GradCheck.check(v -> new L1Loss(red).apply(v[0], v[1]), r(3, 4), r(3, 4));
            GradCheck.check(v -> new HuberLoss(1.0, red).apply(v[0], v[1]), r(3, 4), r(3, 4));
            GradCheck.check(v -> new SmoothL1Loss(0.5, red).apply(v[0], v[1]), r(2, 3, 2), r(2, 3, 2));
        }
    }

    @Test void shapeAndDtypeErrors() {
        var e = assertThrows(ShapeException.class, () -> new MSELoss().apply(r(8, 3), r(8, 1)));
        assertEquals("mse_loss: target expected (8, 3) (the prediction's shape), got (8, 1)", e.getMessage());
        var d = assertThrows(IllegalArgumentException.class, () -> new L1Loss().apply(r(2), r(2).to(DType.F32)));
        assertEquals("l1_loss: target dtype expected F64, got F32", d.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0));
    }
}
