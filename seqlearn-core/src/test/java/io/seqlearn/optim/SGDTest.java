package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SGDTest {
    private final OptimizerHarness h = new OptimizerHarness(3, 7);

    @Test void plainStepByHand() {
        Tensor p = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        p.setGrad(Tensor.of(new double[]{0.5, -1}, 2));
        new SGD(List.of(p), 0.1).step();
        assertArrayEquals(new double[]{0.95, 2.1}, p.toDoubleArray(), 1e-15);
    }

    @Test void momentumByHand() {
        // constant g = 1, μ = 0.9, lr = 1: buffers 1, 1.9, 2.71 → θ = −1, −2.9, −5.61
        Tensor p = Tensor.of(new double[]{0}, 1).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), 1, SGD.Options.defaults().withMomentum(0.9));
        double[] expect = {-1, -2.9, -5.61};
        for (double e : expect) {
            p.setGrad(Tensor.of(new double[]{1}, 1));
            sgd.step();
            assertEquals(e, p.item(), 1e-12);
        }
    }

    @Test void matchesReferenceForEveryOption() {
        h.check(ps -> new SGD(ps, 0.1), (p, g, s, t) -> p - 0.1 * g);
        for (boolean nesterov : new boolean[]{false, true}) {
            double damp = nesterov ? 0 : 0.3;
            var o = SGD.Options.defaults().withMomentum(0.9).withDampening(damp).withWeightDecay(0.01).withNesterov(nesterov);
            h.check(ps -> new SGD(ps, 0.05, o), (p, g, s, t) -> {
                double gd = g + 0.01 * p;
                double b = t == 1 ? gd : 0.9 * s.get("b") + (1 - damp) * gd;
                s.put("b", b);
                return p - 0.05 * (nesterov ? gd + 0.9 * b : b);
            });
        }
    }

    @Test void parameterWithoutGradientIsSkipped() {
        Tensor a = Tensor.of(new double[]{1}, 1).requiresGrad(true);
        Tensor b = Tensor.of(new double[]{1}, 1).requiresGrad(true);
        SGD sgd = new SGD(List.of(a, b), 0.5, SGD.Options.defaults().withMomentum(0.5));
        a.setGrad(Tensor.of(new double[]{1}, 1));
        sgd.step();
        assertEquals(0.5, a.item());
        assertEquals(1.0, b.item());
        assertNull(sgd.stateDict().get("1.momentum_buffer"));
        sgd.zeroGrad();
        assertNull(a.grad());
    }

    @Test void stateDictResumesBitForBit() {
        var o = SGD.Options.defaults().withMomentum(0.9).withNesterov(true);
        double[][] straight = h.run(DType.F32, ps -> new SGD(ps, 0.1, o));
        OptimizerResume.check(h, DType.F32, ps -> new SGD(ps, 0.1, o), straight);
    }

    @Test void errors() {
        assertThrows(IllegalArgumentException.class, () -> SGD.Options.defaults().withNesterov(true));
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), -1));
        Tensor p = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        p.setGrad(Tensor.of(new double[]{1, 2, 3}, 3));
        var e = assertThrows(ShapeException.class, () -> new SGD(List.of(p), 0.1).step());
        assertEquals("SGD: gradient of parameter 0 expected (2,), got (3,)", e.getMessage());
    }
}
