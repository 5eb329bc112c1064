package io.seqlearn.train;

import io.seqlearn.metrics.Metric;
import io.seqlearn.loss.Loss;
import io.seqlearn.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The loss of one batch: the sum over outputs of each output's loss (Keras' total loss with unit weights),
 * plus each term's value for the "{output}_loss" logs of multi-output models.
 */
record LossTerms(Tensor total, Map<String, Double> parts) {

    static LossTerms of(Model model, Map<String, Loss> losses, Map<String, Tensor> outputs, Map<String, Tensor> targets, String op) {
        Map<String, Tensor> t = model.matchByName(targets, List.copyOf(losses.keySet()), "target", op);
        Tensor total = null;
        Map<String, Double> parts = new LinkedHashMap<>();
        for (var e : losses.entrySet()) {
            Tensor l = e.getValue().apply(outputs.get(e.getKey()), t.get(e.getKey()));
            if (l.numel() != 1) {
                throw new IllegalArgumentException(model.name() + "." + op + ": loss for output '" + e.getKey()
                        + "' must reduce to a scalar (use reduction mean or sum), got " + io.seqlearn.tensor.Shapes.str(l.shapeRef()));
            }
            if (losses.size() > 1) parts.put(e.getKey() + "_loss", l.item());
            total = total == null ? l : total.add(l);
        }
        return new LossTerms(total, parts);
    }

    /** Updates every output's metrics with detached predictions. */
    static void updateMetrics(Model model, Map<String, List<Metric>> metrics, Map<String, Tensor> outputs,
                              Map<String, Tensor> targets, String op) {
        if (metrics.values().stream().allMatch(List::isEmpty)) return;
        Map<String, Tensor> t = model.matchByName(targets, List.copyOf(metrics.keySet()), "target", op);
        for (var e : metrics.entrySet()) {
            for (Metric m : e.getValue()) m.update(outputs.get(e.getKey()).detach(), t.get(e.getKey()));
        }
    }

    /** Metric results keyed "name" (one output) or "output_name" (several). */
    static Map<String, Double> metricLogs(Map<String, List<Metric>> metrics, boolean multiOutput) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : metrics.entrySet()) {
            for (Metric m : e.getValue()) out.put(multiOutput ? e.getKey() + "_" + m.name() : m.name(), m.result());
        }
        return out;
    }

    static void reset(Map<String, List<Metric>> metrics) { metrics.values().forEach(l -> l.forEach(Metric::reset)); }
}
