package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqlearn.io.SafeTensors;
import io.seqlearn.io.SafeTensorsFile;
import io.seqlearn.io.TensorData;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Re-runs every whole-sequence fixture in {@code fixtures/rnn/} (made with Python torch 1.13.1) through
 * libtorch 2.7.1 via DJL, in float64, with the fixture's own weights, inputs and cotangents, and reports the
 * largest difference of every output and gradient. Ragged batches run each sequence alone at its own length
 * through the same libtorch op (DJL cannot pass packed sequences; PEERS.md). Exit code 1 if any difference
 * exceeds 1e-10.
 *
 * <p>Usage: {@code RnnFixtureCrossCheck seqlearn-core/src/test/resources/fixtures/rnn}
 */
public final class RnnFixtureCrossCheck {
    private static final double TOL = 1e-10;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "seqlearn-core/src/test/resources/fixtures/rnn");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("(lstm|gru|rnn_tanh|rnn_relu)_l.*\\.safetensors")).sorted().toList();
        }
        double worst = 0;
        int checked = 0;
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            for (Path f : files) {
                try (NDManager m = root.newSubManager()) {
                    double d = check(f, m);
                    worst = Math.max(worst, d);
                    checked++;
                    System.out.printf(Locale.ROOT, "%-40s max |diff| %.3e%n", f.getFileName(), d);
                }
            }
        }
        System.out.printf(Locale.ROOT, "libtorch %s vs fixtures: %d files, worst |diff| %.3e (tol %.0e)%n",
                Engine.getEngine("PyTorch").getVersion(), checked, worst, TOL);
        System.exit(worst <= TOL && checked > 0 ? 0 : 1);
    }

    private static double check(Path file, NDManager m) throws Exception {
        SafeTensorsFile sf = SafeTensors.read(file);
        JsonNode cfg = new ObjectMapper().readTree(sf.metadata().get("config"));
        String name = file.getFileName().toString();
        String mode = name.startsWith("lstm") ? "lstm" : name.startsWith("gru") ? "gru" : name.startsWith("rnn_relu") ? "relu" : "tanh";
        int layers = cfg.path("num_layers").asInt(), hidden = cfg.path("hidden_size").asInt();
        boolean bi = cfg.path("bidirectional").asBoolean();
        int dirs = bi ? 2 : 1, proj = cfg.path("proj_size").asInt(0), p = proj > 0 ? proj : hidden;
        Map<String, NDArray> t = new LinkedHashMap<>();
        sf.tensors().forEach((k, v) -> t.put(k, toNd(m, v)));
        NDArray x = t.get("x");
        int b = (int) x.getShape().get(0), steps = (int) x.getShape().get(1);
        NDList params = new NDList();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                for (String w : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) params.add(t.get(w + sfx));
                if (proj > 0) params.add(t.get("weight_hr" + sfx));
            }
        }
        List<NDArray> leaves = new ArrayList<>(params);
        leaves.add(x);
        NDArray h0 = t.containsKey("h0") ? t.get("h0") : m.zeros(new Shape(layers * dirs, b, p), DataType.FLOAT64);
        NDArray c0 = t.containsKey("c0") ? t.get("c0") : m.zeros(new Shape(layers * dirs, b, hidden), DataType.FLOAT64);
        leaves.add(h0);
        leaves.add(c0);
        for (NDArray a : leaves) a.setRequiresGradient(true);
        long[] lengths = t.containsKey("lengths") ? t.get("lengths").toType(DataType.INT64, false).toLongArray() : null;
        List<NDArray> outs = new ArrayList<>(), hs = new ArrayList<>(), cs = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < b; i++) {
                int len = lengths == null ? steps : (int) lengths[i];
                NDArray xi = x.get(new NDIndex(i + ":" + (i + 1) + ", :" + len));
                NDArray hi = h0.get(new NDIndex(":, " + i + ":" + (i + 1)));
                NDArray ci = c0.get(new NDIndex(":, " + i + ":" + (i + 1)));
                NDList r = run(mode, xi, hi, ci, params, layers, bi);
                NDArray out = r.get(0);
                NDArray term = out.mul(t.get("g_out").get(new NDIndex(i + ":" + (i + 1) + ", :" + len))).sum()
                        .add(r.get(1).mul(t.get("g_h").get(new NDIndex(":, " + i + ":" + (i + 1)))).sum());
                if (mode.equals("lstm")) term = term.add(r.get(2).mul(t.get("g_c").get(new NDIndex(":, " + i + ":" + (i + 1)))).sum());
                loss = loss == null ? term : loss.add(term);
                outs.add(len < steps ? out.concat(m.zeros(new Shape(1, steps - len, out.getShape().get(2)), DataType.FLOAT64), 1) : out);
                hs.add(r.get(1));
                if (mode.equals("lstm")) cs.add(r.get(2));
            }
            gc.backward(loss);
        }
        double worst = diff(NDArrays.concat(outs, 0), t.get("out"));
        worst = Math.max(worst, diff(NDArrays.concat(hs, 1), t.get("h_n")));
        if (mode.equals("lstm")) worst = Math.max(worst, diff(NDArrays.concat(cs, 1), t.get("c_n")));
        worst = Math.max(worst, diff(x.getGradient(), t.get("grad.x")));
        if (t.containsKey("grad.h0")) worst = Math.max(worst, diff(h0.getGradient(), t.get("grad.h0")));
        if (t.containsKey("grad.c0")) worst = Math.max(worst, diff(c0.getGradient(), t.get("grad.c0")));
        for (var e : t.entrySet()) {
            if (e.getKey().startsWith("weight_") || e.getKey().startsWith("bias_")) {
                worst = Math.max(worst, diff(e.getValue().getGradient(), t.get("grad." + e.getKey())));
            }
        }
        return worst;
    }

    private static NDList run(String mode, NDArray x, NDArray h, NDArray c, NDList params, int layers, boolean bi) {
        var ex = x.getNDArrayInternal();
        return switch (mode) {
            case "lstm" -> ex.lstm(x, new NDList(h, c), params, true, layers, 0, true, bi, true);
            case "gru" -> ex.gru(x, h, params, true, layers, 0, true, bi, true);
            default -> ex.rnn(x, h, params, true, layers,
                    mode.equals("relu") ? RNN.Activation.RELU : RNN.Activation.TANH, 0, true, bi, true);
        };
    }

    private static double diff(NDArray got, NDArray want) {
        double[] g = got.toType(DataType.FLOAT64, false).toDoubleArray(), w = want.toDoubleArray();
        if (g.length != w.length) return Double.POSITIVE_INFINITY;
        double d = 0;
        for (int i = 0; i < g.length; i++) d = Math.max(d, Math.abs(g[i] - w[i]));
        return d;
    }

    private static NDArray toNd(NDManager m, TensorData d) {
        long[] shape = d.shape();
        if (d.dtype() == io.seqlearn.io.DataType.I64) return m.create(d.toLongArray(), new Shape(shape));
        return m.create(d.toDoubleArray(), new Shape(shape));
    }

    /** Concatenation along an axis of a list (DJL's NDArrays helper, spelled out to keep imports plain). */
    private static final class NDArrays {
        static NDArray concat(List<NDArray> xs, int axis) { return ai.djl.ndarray.NDArrays.concat(new NDList(xs), axis); }
    }
}
