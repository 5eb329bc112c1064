package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdamTest {
    private final OptimizerHarness h = new OptimizerHarness(9, 6);

    /** torch.optim.Adam's documented algorithm; amsgrad keeps the max of the raw v, as its implementation. */
    private static OptimizerHarness.Reference adam(double lr, double b1, double b2, double eps, double wd,
                                                   boolean amsgrad, boolean decoupled) {
        return (p, g, s, t) -> {
            if (decoupled) p = p * (1 - lr * wd);
            else g = g + wd * p;
            double m = b1 * s.getOrDefault("m", 0.0) + (1 - b1) * g;
            double v = b2 * s.getOrDefault("v", 0.0) + (1 - b2) * g * g;
            double vmax = Math.max(s.getOrDefault("vmax", 0.0), v);
            s.put("m", m);
            s.put("v", v);
            s.put("vmax", vmax);
            double mHat = m / (1 - Math.pow(b1, t));
            double vHat = (amsgrad ? vmax : v) / (1 - Math.pow(b2, t));
            return p - lr * mHat / (Math.sqrt(vHat) + eps);
        };
    }

    @Test void firstStepMovesEachWeightByLr() {
        // with zero moments, the first Adam step is −lr·sign(g) (up to ε)
        Tensor p = Tensor.of(new double[]{1, 1}, 2).requiresGrad(true);
        p.setGrad(Tensor.of(new double[]{3, -0.01}, 2));
        new Adam(List.of(p), 0.1).step();
        assertEquals(0.9, p.get(0), 1e-7);
        assertEquals(1.1, p.get(1), 1e-5);
    }

    @Test void matchesReference() {
        h.check(ps -> new Adam(ps, 0.01), adam(0.01, 0.9, 0.999, 1e-8, 0, false, false));
        var o = Adam.Options.defaults().withBetas(0.8, 0.99).withEps(1e-6).withWeightDecay(0.1).withAmsgrad(true);
        h.check(ps -> new Adam(ps, 0.05, o), adam(0.05, 0.8, 0.99, 1e-6, 0.1, true, false));
        var low = Adam.Options.defaults().withBetas(0.3, 0.9);
        h.check(ps -> new Adam(ps, 0.05, low), adam(0.05, 0.3, 0.9, 1e-8, 0, false, false));
    }

    @Test void adamWDecouplesWeightDecay() {
        h.check(ps -> new AdamW(ps, 0.01), adam(0.01, 0.9, 0.999, 1e-8, 0.01, false, true));
        var o = AdamW.defaults().withWeightDecay(0.5).withAmsgrad(true);
        h.check(ps -> new AdamW(ps, 0.02, o), adam(0.02, 0.9, 0.999, 1e-8, 0.5, true, true));
    }

    @Test void stateDictHoldsStepAndMoments() {
        Tensor p = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Adam adam = new Adam(List.of(p), 0.1, Adam.Options.defaults().withAmsgrad(true));
        p.setGrad(Tensor.of(new double[]{1, 1}, 2));
        adam.step();
        adam.step();
        Map<String, Tensor> st = adam.stateDict();
        assertEquals(2.0, st.get("0.step").item());
        assertEquals(0.1, st.get("lr").item());
        assertTrue(st.keySet().containsAll(List.of("0.exp_avg", "0.exp_avg_sq", "0.max_exp_avg_sq")));
        assertEquals(0.19, st.get("0.exp_avg").get(0), 1e-12);
    }

    @Test void stateDictResumesBitForBit() {
        var o = Adam.Options.defaults().withAmsgrad(true).withWeightDecay(0.01);
        OptimizerResume.check(h, DType.F32, ps -> new Adam(ps, 0.01, o), h.run(DType.F32, ps -> new Adam(ps, 0.01, o)));
        OptimizerResume.check(h, DType.F64, ps -> new AdamW(ps, 0.01), h.run(DType.F64, ps -> new AdamW(ps, 0.01)));
    }

    @Test void badStateIsRejected() {
        Tensor p = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Adam adam = new Adam(List.of(p), 0.1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> adam.loadStateDict(Map.of("3.exp_avg", Tensor.of(new double[]{0, 0}, 2))));
        assertEquals("Adam: state key '3.exp_avg' names no parameter (have 1)", e.getMessage());
        assertThrows(RuntimeException.class, () -> adam.loadStateDict(Map.of("0.exp_avg", Tensor.of(new double[]{0}, 1))));
        assertThrows(IllegalArgumentException.class, () -> Adam.Options.defaults().withBetas(1.0, 0.9));
    }
}
