package io.seqlearn.loss;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.optim.TorchFixture;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every loss against PyTorch 1.13 (fixtures/loss, README there): value and input gradient, F64 and F32. */
class LossFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ce_mean", "ce_sum", "ce_none", "ce_ignore_mean", "ce_ignore_sum", "ce_ignore_none",
            "ce_label_smoothing", "ce_label_smoothing_ignore", "ce_3d_mean", "ce_3d_none", "ce_3d_ignore_mean",
            "ce_prob_targets", "nll", "categorical_ce_probs", "bce_logits", "bce_logits_pos_weight", "mse", "l1",
            "huber_delta1.0", "huber_delta0.5", "smooth_l1_beta1.0", "smooth_l1_beta0.5"})
    void matchesPyTorch(String name) {
        TorchFixture fx = TorchFixture.load("loss/" + name);
        check(fx, DType.F64, 1e-10, 1e-10);
        check(fx, DType.F32, 1e-5, 1e-4);
        if (name.equals("categorical_ce_probs")) checkOneHot(fx);
    }

    private static void check(TorchFixture fx, DType dt, double tolValue, double tolGrad) {
        Tensor input = fx.tensor("input", dt).requiresGrad(true);
        Tensor loss = lossFor(fx, dt).apply(input, fx.tensor("target", dt));
        assertEquals(dt, loss.dtype());
        if (fx.has("g_loss")) loss.backward(fx.tensor("g_loss", dt));
        else loss.backward();
        assertClose(fx.values("loss"), loss.toDoubleArray(), tolValue, fx + " " + dt + " loss");
        assertClose(fx.values("grad.input"), input.grad().toDoubleArray(), tolGrad, fx + " " + dt + " grad.input");
    }

    /** The same file with one-hot targets of the input's shape. */
    private static void checkOneHot(TorchFixture fx) {
        Tensor input = fx.tensor("input", DType.F64).requiresGrad(true);
        Tensor loss = new CategoricalCrossEntropy().apply(input, fx.tensor("target_onehot", DType.F64));
        loss.backward();
        assertEquals(fx.values("loss")[0], loss.item(), 1e-10);
        assertArrayEquals(fx.values("grad.input"), input.grad().toDoubleArray(), 1e-10);
    }

    private static void assertClose(double[] want, double[] got, double tol, String what) {
        assertEquals(want.length, got.length, what + " size");
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], tol * Math.max(1, Math.abs(want[i])), what + " [" + i + "]");
        }
    }

    private static Loss lossFor(TorchFixture fx, DType dt) {
        JsonNode c = fx.config();
        Reduction red = Reduction.valueOf(c.get("reduction").asText().toUpperCase());
        String fn = c.get("function").asText();
        if (fn.startsWith("categorical")) return new CategoricalCrossEntropy(CategoricalCrossEntropy.Options.defaults().withReduction(red));
        return switch (fn) {
            case "cross_entropy" -> new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withReduction(red)
                    .withIgnoreIndex(c.path("ignore_index").asInt(-100))
                    .withLabelSmoothing(c.path("label_smoothing").asDouble(0)));
            case "nll_loss" -> new NLLLoss(red, -100, false);
            case "binary_cross_entropy_with_logits" -> new BCEWithLogitsLoss(red,
                    fx.has("pos_weight") ? fx.tensor("pos_weight", dt) : null);
            case "mse_loss" -> new MSELoss(red);
            case "l1_loss" -> new L1Loss(red);
            case "huber_loss" -> new HuberLoss(c.get("delta").asDouble(), red);
            case "smooth_l1_loss" -> new SmoothL1Loss(c.get("beta").asDouble(), red);
            default -> throw new IllegalArgumentException("no loss for " + fn);
        };
    }
}
