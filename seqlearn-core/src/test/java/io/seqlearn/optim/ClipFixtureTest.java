package io.seqlearn.optim;

import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

/** clip_grad_norm_ / clip_grad_value_ against PyTorch 1.13 (fixtures/optim/clip_*). */
class ClipFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"clip_grad_norm", "clip_grad_norm_noop", "clip_grad_norm_inf", "clip_grad_value"})
    void matchesPyTorch(String name) {
        check(Fixture.load("optim/" + name + ".safetensors", DType.F64));
        check(Fixture.load("optim/" + name + ".safetensors", DType.F32));
    }

    private static void check(Fixture fx) {
        Tensor g0 = fx.get("g0.before"), g1 = fx.get("g1.before");
        Tensor p0 = g0.newZeros(g0.shapeRef()), p1 = g1.newZeros(g1.shapeRef());
        p0.setGrad(g0.copy());
        p1.setGrad(g1.copy());
        var c = fx.config();
        if (c.get("function").asText().equals("clip_grad_value_")) {
            GradClip.clipByValue(List.of(p0, p1), c.get("clip_value").asDouble());
        } else {
            double normType = c.get("norm_type").isNumber() ? c.get("norm_type").asDouble() : Double.POSITIVE_INFINITY;
            double total = GradClip.clipByGlobalNorm(List.of(p0, p1), c.get("max_norm").asDouble(), normType);
            fx.assertClose("total_norm", Tensor.of(new double[]{total}, 1).to(g0.dtype()));
        }
        fx.assertClose("g0.after", p0.grad());
        fx.assertClose("g1.after", p1.grad());
    }
}
