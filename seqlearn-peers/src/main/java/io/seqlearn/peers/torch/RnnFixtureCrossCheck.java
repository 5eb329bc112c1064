package io.seqlearn.peers.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.recurrent.RNN;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fixtures/rnn/} whole-sequence files ({@code {lstm,gru,rnn_tanh,rnn_relu}_l…}): re-runs each through
 * libtorch 2.7.1's own fused recurrent op (via DJL's {@code NDArrayEx.lstm/gru/rnn}, parameters in PyTorch's
 * order), in float64, with the fixture's weights, inputs and cotangents, and compares out, h_n, c_n and every
 * gradient. Ragged batches run each sequence alone at its own length through the same op (DJL cannot pass
 * packed sequences; PEERS.md), which is PyTorch's packed-sequence semantics; padded outputs are 0.
 *
 * <p>{@code main} runs the whole {@code rnn/} folder through {@link FixtureCrossCheck} (kept for old scripts).
 */
public final class RnnFixtureCrossCheck {
    private RnnFixtureCrossCheck() {}

    public static void main(String[] args) throws Exception {
        String dir = args.length > 0 ? args[0] : "seqlearn-core/src/test/resources/fixtures/rnn";
        java.nio.file.Path p = java.nio.file.Path.of(dir);
        FixtureCrossCheck.main(new String[] {p.getParent().toString(), p.getFileName().toString()});
    }

    static void check(FixtureFile f) {
        JsonNode cfg = f.config();
        NDManager m = f.manager();
        String name = f.name();
        String mode = name.startsWith("lstm") ? "lstm" : name.startsWith("gru") ? "gru" : name.startsWith("rnn_relu") ? "relu" : "tanh";
        int layers = cfg.path("num_layers").asInt(), hidden = cfg.path("hidden_size").asInt();
        boolean bi = cfg.path("bidirectional").asBoolean();
        int dirs = bi ? 2 : 1, proj = cfg.path("proj_size").asInt(0), p = proj > 0 ? proj : hidden;
        NDArray x = f.leaf("x");
        int b = (int) x.getShape().get(0), steps = (int) x.getShape().get(1);
        NDList params = new NDList();
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                String sfx = "_l" + l + (d == 1 ? "_reverse" : "");
                for (String w : List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh")) params.add(f.leaf(w + sfx));
                if (proj > 0) params.add(f.leaf("weight_hr" + sfx));
            }
        }
        NDArray h0 = f.has("h0") ? f.leaf("h0") : m.zeros(new Shape(layers * dirs, b, p), DataType.FLOAT64);
        NDArray c0 = f.has("c0") ? f.leaf("c0") : m.zeros(new Shape(layers * dirs, b, hidden), DataType.FLOAT64);
        long[] lengths = f.has("lengths") ? f.longs("lengths") : null;
        NDArray gOut = f.in("g_out"), gH = f.in("g_h"), gC = mode.equals("lstm") ? f.in("g_c") : null;
        List<NDArray> outs = new ArrayList<>(), hs = new ArrayList<>(), cs = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (int i = 0; i < b; i++) {
                int len = lengths == null ? steps : (int) lengths[i];
                String row = i + ":" + (i + 1);
                NDArray xi = x.get(new NDIndex(row + ", :" + len));
                NDList r = run(mode, xi, h0.get(new NDIndex(":, " + row)), c0.get(new NDIndex(":, " + row)), params, layers, bi);
                NDArray out = r.get(0);
                NDArray term = TorchOps.dot(out, gOut.get(new NDIndex(row + ", :" + len)))
                        .add(TorchOps.dot(r.get(1), gH.get(new NDIndex(":, " + row))));
                if (gC != null) term = term.add(TorchOps.dot(r.get(2), gC.get(new NDIndex(":, " + row))));
                loss = loss == null ? term : loss.add(term);
                outs.add(len < steps ? out.concat(m.zeros(new Shape(1, steps - len, out.getShape().get(2)), DataType.FLOAT64), 1) : out);
                hs.add(r.get(1));
                if (gC != null) cs.add(r.get(2));
            }
            gc.backward(loss);
        }
        f.compare("out", NDArrays.concat(new NDList(outs), 0));
        f.compare("h_n", NDArrays.concat(new NDList(hs), 1));
        if (gC != null) f.compare("c_n", NDArrays.concat(new NDList(cs), 1));
        f.compareGrads();
    }

    /** One call of libtorch's fused recurrent op: (out, h_n[, c_n]); batch-first, training mode, no dropout. */
    static NDList run(String mode, NDArray x, NDArray h, NDArray c, NDList params, int layers, boolean bi) {
        var ex = x.getNDArrayInternal();
        return switch (mode) {
            case "lstm" -> ex.lstm(x, new NDList(h, c), params, true, layers, 0, true, bi, true);
            case "gru" -> ex.gru(x, h, params, true, layers, 0, true, bi, true);
            default -> ex.rnn(x, h, params, true, layers,
                    mode.equals("relu") ? RNN.Activation.RELU : RNN.Activation.TANH, 0, true, bi, true);
        };
    }
}
