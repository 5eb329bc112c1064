package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RMSpropAdagradTest {
    private final OptimizerHarness h = new OptimizerHarness(17, 5);

    private static OptimizerHarness.Reference rmsprop(double lr, double alpha, double eps, double wd, double mu,
                                                      boolean centered) {
        return (p, g, s, t) -> {
            g = g + wd * p;
            double v = alpha * s.getOrDefault("v", 0.0) + (1 - alpha) * g * g;
            double ga = alpha * s.getOrDefault("ga", 0.0) + (1 - alpha) * g;
            s.put("v", v);
            s.put("ga", ga);
            double avg = Math.sqrt(centered ? v - ga * ga : v) + eps;
            if (mu == 0) return p - lr * g / avg;
            double b = mu * s.getOrDefault("b", 0.0) + g / avg;
            s.put("b", b);
            return p - lr * b;
        };
    }

    private static OptimizerHarness.Reference adagrad(double lr, double decay, double wd, double init, double eps) {
        return (p, g, s, t) -> {
            g = g + wd * p;
            double sum = s.getOrDefault("sum", init) + g * g;
            s.put("sum", sum);
            return p - lr / (1 + (t - 1) * decay) * g / (Math.sqrt(sum) + eps);
        };
    }

    @Test void rmspropMatchesReference() {
        h.check(ps -> new RMSprop(ps, 0.01), rmsprop(0.01, 0.99, 1e-8, 0, 0, false));
        var o = RMSprop.Options.defaults().withAlpha(0.9).withEps(1e-6).withWeightDecay(0.1).withMomentum(0.5).withCentered(true);
        h.check(ps -> new RMSprop(ps, 0.02, o), rmsprop(0.02, 0.9, 1e-6, 0.1, 0.5, true));
        var low = RMSprop.Options.defaults().withAlpha(0.3).withCentered(true);
        h.check(ps -> new RMSprop(ps, 0.02, low), rmsprop(0.02, 0.3, 1e-8, 0, 0, true));
    }

    @Test void adagradMatchesReference() {
        h.check(ps -> new Adagrad(ps, 0.1), adagrad(0.1, 0, 0, 0, 1e-10));
        var o = Adagrad.Options.defaults().withLrDecay(0.2).withWeightDecay(0.05).withInitialAccumulatorValue(0.5).withEps(1e-6);
        h.check(ps -> new Adagrad(ps, 0.1, o), adagrad(0.1, 0.2, 0.05, 0.5, 1e-6));
    }

    @Test void resumeFromStateDict() {
        var r = RMSprop.Options.defaults().withMomentum(0.9).withCentered(true);
        OptimizerResume.check(h, DType.F32, ps -> new RMSprop(ps, 0.01, r), h.run(DType.F32, ps -> new RMSprop(ps, 0.01, r)));
        var a = Adagrad.Options.defaults().withLrDecay(0.1);
        OptimizerResume.check(h, DType.F64, ps -> new Adagrad(ps, 0.1, a), h.run(DType.F64, ps -> new Adagrad(ps, 0.1, a)));
    }

    @Test void firstAdagradStepIsLrTimesSign() {
        Tensor p = Tensor.of(new double[]{0, 0}, 2).requiresGrad(true);
        p.setGrad(Tensor.of(new double[]{4, -0.5}, 2));
        new Adagrad(List.of(p), 0.1).step();
        assertEquals(-0.1, p.get(0), 1e-9);
        assertEquals(0.1, p.get(1), 1e-9);
    }

    @Test void badOptions() {
        assertThrows(IllegalArgumentException.class, () -> RMSprop.Options.defaults().withMomentum(-1));
        assertThrows(IllegalArgumentException.class, () -> Adagrad.Options.defaults().withLrDecay(-0.1));
    }
}
