package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Drives an optimizer over fixed random gradients and checks it against a scalar reference update. */
final class OptimizerHarness {
    /** One element's update under test: (param, grad, per-element state, step t) → new param. */
    interface Reference {
        double update(double p, double g, Map<String, Double> state, int t);
    }

    static final int STEPS = 5;
    final double[] init;
    final double[][] grads;

    OptimizerHarness(long seed, int n) {
        Rng rng = new Rng(seed);
        init = Tensors.uniform(DType.F64, rng, -1, 1, n).toDoubleArray();
        grads = new double[STEPS][];
        for (int s = 0; s < STEPS; s++) grads[s] = Tensors.uniform(DType.F64, rng, -2, 2, n).toDoubleArray();
    }

    /** Parameter values after each step (rows), using the optimizer made by {@code make}. */
    double[][] run(DType dtype, Function<List<Tensor>, Optimizer> make) {
        Tensor p = Tensor.of(init.clone(), init.length).to(dtype).requiresGrad(true);
        Optimizer opt = make.apply(List.of(p));
        double[][] out = new double[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            p.setGrad(Tensor.of(grads[s].clone(), init.length).to(dtype));
            opt.step();
            out[s] = p.toDoubleArray();
        }
        return out;
    }

    /** The same trajectory from the scalar reference, in double. */
    double[][] reference(Reference ref) {
        double[] p = init.clone();
        List<Map<String, Double>> state = new java.util.ArrayList<>();
        for (int i = 0; i < p.length; i++) state.add(new HashMap<>());
        double[][] out = new double[STEPS][];
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < p.length; i++) p[i] = ref.update(p[i], grads[s][i], state.get(i), s + 1);
            out[s] = p.clone();
        }
        return out;
    }

    /** Checks F64 tightly and F32 to 1e-5 relative against the reference. */
    void check(Function<List<Tensor>, Optimizer> make, Reference ref) {
        double[][] want = reference(ref);
        double[][] d = run(DType.F64, make), f = run(DType.F32, make);
        for (int s = 0; s < STEPS; s++) {
            assertArrayEquals(want[s], d[s], 1e-12, "F64 step " + (s + 1));
            for (int i = 0; i < init.length; i++) {
                assertEquals(want[s][i], f[s][i], 1e-5 * Math.max(1, Math.abs(want[s][i])), "F32 step " + (s + 1));
            }
        }
    }
}
