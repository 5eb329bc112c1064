package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code fixtures/loss/}: the losses composed from libtorch ops following ATen's definitions (2.7.1
 * {@code aten/src/ATen/native/LossNLL.cpp}, {@code Loss.cpp}), float64. Scalar losses backward with cotangent 1,
 * {@code reduction='none'} with Σ loss·g_loss, as {@code gen_loss.py} did.
 *
 * <ul>
 *   <li>cross_entropy, class targets: logp = log_softmax(input, 1); nll = −logp[n, y_n] (0 where y_n =
 *       ignore_index); mean = Σ nll / #non-ignored. label_smoothing ε: smooth = −Σ_c logp (0 on ignored rows),
 *       mean over the non-ignored; loss = (1−ε)·nll + (ε/C)·smooth.</li>
 *   <li>cross_entropy, probability targets: −Σ(logp·target) / N.</li>
 *   <li>nll_loss = the nll part; categorical CE on probabilities = mean_n(−Σ_c onehot·log p) (the generator's
 *       own formula).</li>
 *   <li>binary_cross_entropy_with_logits: (1−y)·x − (1 + (pw−1)·y)·log σ(x), mean; log σ(x) = −softplus(−x).</li>
 *   <li>mse, l1, huber (½d² if |d| &lt; δ else δ(|d| − ½δ)), smooth_l1 (½d²/β if |d| &lt; β else |d| − ½β), mean.</li>
 * </ul>
 */
final class LossFixtures {
    private LossFixtures() {}

    static void check(FixtureFile f) {
        JsonNode cfg = f.config();
        String fn = cfg.path("function").asText();
        String reduction = cfg.path("reduction").asText("mean");
        NDArray loss;
        NDArray input = f.leaf("input");
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            loss = switch (fn) {
                case "cross_entropy" -> f.in("target").getDataType() == DataType.INT64
                        ? crossEntropy(input.logSoftmax(1), f.in("target"), reduction, cfg.path("ignore_index").asLong(-100),
                                cfg.path("label_smoothing").asDouble(0))
                        : input.logSoftmax(1).mul(f.in("target")).sum().neg().div((double) input.getShape().get(0));
                case "nll_loss" -> crossEntropy(input, f.in("target"), reduction, -100, 0);
                case "binary_cross_entropy_with_logits" -> bceWithLogits(input, f.in("target"),
                        f.has("pos_weight") ? f.in("pos_weight") : null);
                case "mse_loss" -> input.sub(f.in("target")).square().mean();
                case "l1_loss" -> input.sub(f.in("target")).abs().mean();
                case "huber_loss" -> huber(input.sub(f.in("target")), cfg.path("delta").asDouble(), false);
                case "smooth_l1_loss" -> huber(input.sub(f.in("target")), cfg.path("beta").asDouble(), true);
                default -> {
                    if (!fn.startsWith("categorical cross-entropy")) throw new IllegalStateException("loss: unknown function " + fn);
                    f.in("target"); // the class ids; the generator built target_onehot from them
                    yield f.in("target_onehot").mul(input.log()).sum(new int[] {-1}).neg().mean();
                }
            };
            if (f.has("g_loss")) gc.backward(TorchOps.dot(loss, f.in("g_loss")));
            else gc.backward(loss);
        }
        f.compare("loss", loss.getShape().isScalar() ? loss.reshape(1) : loss);
        f.compareGrads();
    }

    /**
     * nll_loss(logp, target) with class axis 1 ((N, C) or (N, C, d)), ignore_index and label smoothing as in
     * ATen's cross_entropy_loss_label_smoothing.
     */
    static NDArray crossEntropy(NDArray logp, NDArray target, String reduction, long ignore, double eps) {
        NDArray valid = target.neq(ignore);
        NDArray safeTarget = NDArrays.where(valid, target, target.zerosLike());
        NDArray picked = logp.gather(safeTarget.expandDims(1), 1).squeeze(1);
        NDArray zeros = picked.zerosLike();
        NDArray nll = NDArrays.where(valid, picked.neg(), zeros);
        double count = valid.toType(DataType.INT64, false).sum().getLong();
        NDArray loss = reduce(nll, reduction, count);
        if (eps == 0) return loss;
        long classes = logp.getShape().get(1);
        NDArray smooth = NDArrays.where(valid, logp.sum(new int[] {1}).neg(), zeros);
        return loss.mul(1 - eps).add(reduce(smooth, reduction, count).mul(eps / classes));
    }

    /**
     * Mean = sum / count with the count in the loss's own dtype, as ATen's nll_loss divides by total_weight in
     * scalar_t: DJL's {@code div(double)} would make a float64 0-d operand, and two 0-d tensors promote, so a
     * float32 loss (e2e's float32 run) would come out float64.
     */
    private static NDArray reduce(NDArray perItem, String reduction, double count) {
        return switch (reduction) {
            case "none" -> perItem;
            case "sum" -> perItem.sum();
            default -> perItem.sum().div(perItem.getManager().create(count).toType(perItem.getDataType(), false));
        };
    }

    private static NDArray bceWithLogits(NDArray x, NDArray y, NDArray posWeight) {
        NDArray logSigmoid = x.neg().getNDArrayInternal().softPlus().neg();
        if (posWeight != null) logSigmoid = logSigmoid.mul(posWeight.sub(1.0).mul(y).add(1.0));
        return y.neg().add(1.0).mul(x).sub(logSigmoid).mean();
    }

    /** Huber (δ) or, when divided, smooth-L1 (β): the quadratic part is divided by β, the linear part not scaled. */
    private static NDArray huber(NDArray d, double t, boolean smoothL1) {
        NDArray z = d.abs();
        NDArray quad = z.mul(z).mul(0.5);
        NDArray lin = smoothL1 ? z.sub(0.5 * t) : z.sub(0.5 * t).mul(t);
        if (smoothL1) quad = quad.div(t);
        return NDArrays.where(z.lt(t), quad, lin).mean();
    }
}
