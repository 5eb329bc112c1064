package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Checks that saving state after 3 steps and resuming in a fresh optimizer reproduces a straight run exactly. */
final class OptimizerResume {
    private OptimizerResume() {}

    static void check(OptimizerHarness h, DType dtype, Function<List<Tensor>, Optimizer> make, double[][] straight) {
        Tensor p = Tensor.of(h.init.clone(), h.init.length).to(dtype).requiresGrad(true);
        Optimizer first = make.apply(List.of(p));
        for (int s = 0; s < 3; s++) {
            p.setGrad(Tensor.of(h.grads[s].clone(), h.init.length).to(dtype));
            first.step();
        }
        Map<String, Tensor> saved = new LinkedHashMap<>();
        first.stateDict().forEach((k, v) -> saved.put(k, v.copy()));
        Tensor q = p.copy().requiresGrad(true);
        Optimizer second = make.apply(List.of(q));
        second.loadStateDict(saved);
        for (int s = 3; s < OptimizerHarness.STEPS; s++) {
            q.setGrad(Tensor.of(h.grads[s].clone(), h.init.length).to(dtype));
            second.step();
            assertArrayEquals(straight[s], q.toDoubleArray(), 0.0, "resumed step " + (s + 1));
        }
    }
}
