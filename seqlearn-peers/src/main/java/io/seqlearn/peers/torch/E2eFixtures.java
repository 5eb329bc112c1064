package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fixtures/e2e/charlm_adam}: the char LM Embedding(11, 8) → LSTM(8, 16, batch_first) → Linear(16, 11)
 * trained 20 steps with Adam(lr 0.01) on cross_entropy(logits.reshape(B·T, V), y.reshape(B·T)), as
 * {@code gen_e2e.py} did: per step zero_grad, loss, backward, step; the stored loss is the one before that
 * step's update. Built from libtorch ops ({@code torch::embedding}, the fused LSTM op, {@code torch::linear},
 * log_softmax + gather) with {@link TorchOptimizers#adam} for the update.
 *
 * <p>Run twice from the stored initial weights: in float64 (compared with {@code losses_f64},
 * {@code final_f64.*} and the step-1 gradients {@code grad.step1.*} at 1e-10), and in float32 (compared with
 * {@code losses}, {@code final.*}). The float32 run is not bit-comparable across builds: libtorch 2.7.1 runs a
 * float32 LSTM through oneDNN's fused RNN primitive and MKL sgemm, Debian's torch 1.13.1 through its own
 * kernels, so float32 rounding differs from the first step and 20 Adam steps carry it along; it is compared at
 * {@link #F32_TOL}, the float32 tolerance the fixture README suggests for outputs (measured: 5.3e-7).
 */
final class E2eFixtures {
    /** Tolerance of the float32 run (losses and final weights); see the class comment. */
    static final double F32_TOL = 1e-5;

    private static final List<String> PARAMS = List.of("emb.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0",
            "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias");

    private E2eFixtures() {}

    static void check(FixtureFile f) {
        run(f, DataType.FLOAT64, "losses_f64", "final_f64.", FixtureFile.TOL);
        run(f, DataType.FLOAT32, "losses", "final.", F32_TOL);
    }

    private static void run(FixtureFile f, DataType dtype, String lossesName, String finalPrefix, double tol) {
        int steps = f.config().path("steps").asInt(), hidden = f.config().path("hidden_size").asInt();
        var cfg = f.config();
        TorchOptimizers.Optimizer adam = TorchOptimizers.adam(cfg.path("lr").asDouble(), cfg.path("betas").get(0).asDouble(),
                cfg.path("betas").get(1).asDouble(), cfg.path("eps").asDouble(), cfg.path("weight_decay").asDouble(), false, false);
        NDArray x = f.in("x"), y = f.in("y").reshape(-1);
        List<NDArray> params = new ArrayList<>();
        for (String n : PARAMS) params.add(f.in(n).toType(dtype, true));
        double[] losses = new double[steps];
        for (int s = 0; s < steps; s++) {
            for (NDArray p : params) p.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                loss = forwardLoss(x, y, params, hidden);
                gc.backward(loss);
            }
            losses[s] = loss.toType(DataType.FLOAT64, false).getDouble();
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : params) grads.add(p.getGradient());
            if (s == 0 && dtype == DataType.FLOAT64) {
                for (int i = 0; i < PARAMS.size(); i++) f.compare("grad.step1." + PARAMS.get(i), grads.get(i));
            }
            List<NDArray> detached = new ArrayList<>();
            for (NDArray p : params) detached.add(p.stopGradient());
            params = adam.step(detached, grads);
        }
        f.compare(lossesName, f.create(losses, steps), tol);
        for (int i = 0; i < PARAMS.size(); i++) f.compare(finalPrefix + PARAMS.get(i), params.get(i), tol);
    }

    /** Mean cross-entropy of the model's logits over all B·T positions. */
    private static NDArray forwardLoss(NDArray x, NDArray y, List<NDArray> p, int hidden) {
        NDArray emb = JniUtils.embedding((PtNDArray) x, (PtNDArray) p.get(0), false);
        long b = x.getShape().get(0);
        NDArray h0 = emb.getManager().zeros(new ai.djl.ndarray.types.Shape(1, b, hidden), emb.getDataType());
        NDList r = emb.getNDArrayInternal().lstm(emb, new NDList(h0, h0.duplicate()), new NDList(p.subList(1, 5)),
                true, 1, 0, true, false, true);
        NDArray logits = TorchOps.linear(r.get(0), p.get(5), p.get(6));
        long v = logits.getShape().get(2);
        return LossFixtures.crossEntropy(logits.reshape(-1, v).logSoftmax(1), y, "mean", -100, 0);
    }
}
