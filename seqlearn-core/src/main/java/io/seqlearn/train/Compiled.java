package io.seqlearn.train;

import io.seqlearn.metrics.Metric;
import io.seqlearn.loss.Loss;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code compile} fixed: the optimizer recipe, a loss per output and metrics per output. The key "*"
 * stands for the only output of a single-output model and is resolved when training starts.
 */
record Compiled(OptimizerFactory optimizerFactory, Map<String, Loss> rawLosses, Map<String, List<Metric>> rawMetrics) {

    static Compiled of(Model model, OptimizerFactory f, Map<String, Loss> losses, Map<String, List<Metric>> metrics) {
        if (f == null) throw new IllegalArgumentException(model.name() + ".compile: optimizer is null");
        if (losses.isEmpty()) throw new IllegalArgumentException(model.name() + ".compile: no loss");
        return new Compiled(f, new LinkedHashMap<>(losses), new LinkedHashMap<>(metrics));
    }

    /** Losses by output name; every output needs one unless it is left out on purpose (no loss → not trained on). */
    Map<String, Loss> losses(Model model) { return resolve(model, rawLosses, "loss"); }

    /** Metrics by output name (possibly empty lists). */
    Map<String, List<Metric>> metrics(Model model) { return resolve(model, rawMetrics, "metrics"); }

    private static <V> Map<String, V> resolve(Model model, Map<String, V> raw, String what) {
        List<String> outs = model.outputNames();
        Map<String, V> out = new LinkedHashMap<>();
        for (var e : raw.entrySet()) {
            String key = e.getKey();
            if (key.equals("*")) {
                if (outs.size() != 1) {
                    throw new IllegalArgumentException(model.name() + ".compile: one " + what + " given for outputs " + outs
                            + "; pass a map keyed by output name");
                }
                key = outs.get(0);
            } else if (!outs.contains(key)) {
                throw new IllegalArgumentException(model.name() + ".compile: " + what + " for unknown output '" + key
                        + "'; outputs are " + outs);
            }
            out.put(key, e.getValue());
        }
        // Model output order, whatever the order of the map given to compile.
        Map<String, V> ordered = new LinkedHashMap<>();
        for (String o : outs) if (out.containsKey(o)) ordered.put(o, out.get(o));
        return ordered;
    }
}
