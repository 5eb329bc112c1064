package io.seqlearn.loss;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.testing.Fixture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every loss against PyTorch 1.13 (fixtures/loss, README there): value and input gradient, F64 and F32. */
class LossFixtureTest {

    @ParameterizedTest
    @ValueSource(strings = {"ce_mean", "ce_sum", "ce_none", "ce_ignore_mean", "ce_ignore_sum", "ce_ignore_none",
            "ce_label_smoothing", "ce_label_smoothing_ignore", "ce_3d_mean", "ce_3d_none", "ce_3d_ignore_mean",
            "ce_prob_targets", "nll", "categorical_ce_probs", "bce_logits", "bce_logits_pos_weight", "mse", "l1",
            "huber_delta1.0", "huber_delta0.5", "smooth_l1_beta1.0", "smooth_l1_beta0.5"})
    void matchesPyTorch(String name) {
        check(name, DType.F64, 1e-10, 1e-10);
        check(name, DType.F32, 1e-5, 1e-4);
        if (name.equals("categorical_ce_probs")) checkOneHot(name);
    }

    private static void check(String name, DType dt, double tolValue, double tolGrad) {
        Fixture fx = Fixture.load("loss/" + name + ".safetensors", dt);
        Tensor input = fx.get("input").copy().requiresGrad(true);
        Tensor loss = lossFor(fx).apply(input, fx.get("target"));
        assertEquals(dt, loss.dtype());
        if (fx.has("g_loss")) loss.backward(fx.get("g_loss"));
        else loss.backward();
        fx.assertClose("loss", loss.rank() == 0 ? loss.reshape(1) : loss, tolValue);
        fx.assertClose("grad.input", input.grad(), tolGrad);
    }

    /** The same file with one-hot targets of the input's shape. */
    private static void checkOneHot(String name) {
        Fixture fx = Fixture.load("loss/" + name + ".safetensors", DType.F64);
        Tensor input = fx.get("input").copy().requiresGrad(true);
        Tensor loss = new CategoricalCrossEntropy().apply(input, fx.get("target_onehot"));
        loss.backward();
        fx.assertClose("loss", loss.reshape(1));
        fx.assertClose("grad.input", input.grad());
    }

    private static Loss lossFor(Fixture fx) {
        JsonNode c = fx.config();
        Reduction red = Reduction.valueOf(c.get("reduction").asText().toUpperCase());
        String fn = c.get("function").asText();
        if (fn.startsWith("categorical")) return new CategoricalCrossEntropy(CategoricalCrossEntropy.Options.defaults().withReduction(red));
        return switch (fn) {
            case "cross_entropy" -> new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withReduction(red)
                    .withIgnoreIndex(c.path("ignore_index").asInt(-100))
                    .withLabelSmoothing(c.path("label_smoothing").asDouble(0)));
            case "nll_loss" -> new NLLLoss(red, -100, false);
            case "binary_cross_entropy_with_logits" -> new BCEWithLogitsLoss(red, fx.has("pos_weight") ? fx.get("pos_weight") : null);
            case "mse_loss" -> new MSELoss(red);
            case "l1_loss" -> new L1Loss(red);
            case "huber_loss" -> new HuberLoss(c.get("delta").asDouble(), red);
            case "smooth_l1_loss" -> new SmoothL1Loss(c.get("beta").asDouble(), red);
            default -> throw new IllegalArgumentException("no loss for " + fn);
        };
    }
}
