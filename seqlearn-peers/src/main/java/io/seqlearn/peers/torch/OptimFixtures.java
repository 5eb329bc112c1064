package io.seqlearn.peers.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fixtures/optim/} ({@code gen_optim.py}):
 * <ul>
 *   <li>optimizer files: {@link TorchOptimizers} from p{i}.init with the stored gradients g{i}.step{k}, comparing
 *       p{i}.step{k} after every step.</li>
 *   <li>clip_grad_norm_ (PyTorch 2.7.1 {@code torch/nn/utils/clip_grad.py}): per-gradient
 *       vector_norm, total = vector_norm(stack(norms)), coef = clamp(max_norm·(total + 1e-6)⁻¹, max=1),
 *       g·coef; the inf norm is max |g|. clip_grad_value_: clamp(g, −c, c). libtorch ops, float64.</li>
 *   <li>sched_*: {@link LrSchedules} (Python float arithmetic, no libtorch op), comparing lr per epoch.</li>
 * </ul>
 */
final class OptimFixtures {
    private OptimFixtures() {}

    static void check(FixtureFile f) {
        JsonNode cfg = f.config();
        if (cfg.has("optimizer") && cfg.has("steps")) optimizer(f);
        else if (cfg.has("scheduler")) schedule(f);
        else if (cfg.path("function").asText().equals("clip_grad_norm_")) clipNorm(f);
        else if (cfg.path("function").asText().equals("clip_grad_value_")) clipValue(f);
        else throw new IllegalStateException("optim fixture: nothing to replay for config " + cfg);
    }

    private static void optimizer(FixtureFile f) {
        JsonNode cfg = f.config();
        TorchOptimizers.Optimizer opt = TorchOptimizers.of(cfg.path("optimizer").asText(), cfg.path("defaults"));
        List<String> names = new ArrayList<>();
        cfg.path("params").fieldNames().forEachRemaining(names::add);
        List<NDArray> params = new ArrayList<>();
        for (String n : names) params.add(f.in(n + ".init"));
        for (int k = 1; k <= cfg.path("steps").asInt(); k++) {
            List<NDArray> grads = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) grads.add(f.in("g" + i + ".step" + k));
            params = opt.step(params, grads);
            for (int i = 0; i < names.size(); i++) f.compare(names.get(i) + ".step" + k, params.get(i));
        }
    }

    private static void clipNorm(FixtureFile f) {
        double maxNorm = f.config().path("max_norm").asDouble();
        boolean inf = f.config().path("norm_type").asText().equals("inf");
        if (!inf && f.config().path("norm_type").asDouble() != 2.0) throw new IllegalStateException("clip_grad_norm_: only norm_type 2 and inf replayed");
        List<NDArray> grads = List.of(f.in("g0.before"), f.in("g1.before"));
        NDList norms = new NDList();
        for (NDArray g : grads) norms.add(inf ? g.abs().max() : g.flatten().norm(2, new int[] {0}, false));
        NDArray stacked = NDArrays.stack(norms);
        NDArray total = inf ? stacked.abs().max() : stacked.norm(2, new int[] {0}, false);
        NDArray coef = total.onesLike().div(total.add(1e-6)).mul(maxNorm).minimum(1.0);
        f.compare("total_norm", total.reshape(1));
        f.compare("g0.after", grads.get(0).mul(coef));
        f.compare("g1.after", grads.get(1).mul(coef));
    }

    private static void clipValue(FixtureFile f) {
        double c = f.config().path("clip_value").asDouble();
        f.compare("g0.after", f.in("g0.before").clip(-c, c));
        f.compare("g1.after", f.in("g1.before").clip(-c, c));
    }

    private static void schedule(FixtureFile f) {
        JsonNode cfg = f.config();
        double[] metric = null;
        if (f.has("metric")) metric = f.in("metric").toDoubleArray();
        double[] lrs = LrSchedules.replay(cfg.path("scheduler").asText(), cfg.path("args"), cfg.path("base_lr").asDouble(),
                cfg.path("epochs").asInt(), metric);
        f.compare("lr", lrs);
    }
}
