package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** clip_grad_norm_ / clip_grad_value_ against PyTorch 1.13 (fixtures/optim/clip_*). */
class ClipFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip_grad_norm", "clip_grad_norm_noop", "clip_grad_norm_inf", "clip_grad_value"})
    void matchesPyTorch(String name) {
        TorchFixture fx = TorchFixture.load("optim/" + name);
        check(fx, DType.F64, 1e-10);
        check(fx, DType.F32, 1e-5);
    }

    private static void check(TorchFixture fx, DType dt, double tol) {
        Tensor p0 = Tensor.of(new double[12], 3, 4).to(dt), p1 = Tensor.of(new double[4], 4).to(dt);
        p0.setGrad(fx.tensor("g0.before", dt));
        p1.setGrad(fx.tensor("g1.before", dt));
        var c = fx.config();
        if (c.get("function").asText().equals("clip_grad_value_")) {
            GradClip.clipByValue(List.of(p0, p1), c.get("clip_value").asDouble());
        } else {
            double normType = c.get("norm_type").isNumber() ? c.get("norm_type").asDouble() : Double.POSITIVE_INFINITY;
            double total = GradClip.clipByGlobalNorm(List.of(p0, p1), c.get("max_norm").asDouble(), normType);
            assertEquals(fx.values("total_norm")[0], total, tol, fx + " " + dt + " total norm");
        }
        double[] w0 = fx.values("g0.after"), w1 = fx.values("g1.after");
        double[] a0 = p0.grad().toDoubleArray(), a1 = p1.grad().toDoubleArray();
        for (int i = 0; i < w0.length; i++) assertEquals(w0[i], a0[i], tol, fx + " " + dt + " g0[" + i + "]");
        for (int i = 0; i < w1.length; i++) assertEquals(w1[i], a1[i], tol, fx + " " + dt + " g1[" + i + "]");
    }
}
