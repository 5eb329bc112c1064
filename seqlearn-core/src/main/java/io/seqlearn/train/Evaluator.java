package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.data.Batch;
import io.seqlearn.metrics.Metric;
import io.seqlearn.autograd.GradMode;
import io.seqlearn.loss.Loss;
import io.seqlearn.ops.F;
import io.seqlearn.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code evaluate} and {@code predict}: batches in order, eval mode (no dropout), no gradient recording. */
final class Evaluator {
    private final Model model;

    Evaluator(Model model) { this.model = model; }

    /** Sample-weighted mean loss (and per-output losses) plus metrics over all of {@code data}. */
    Map<String, Double> evaluate(TrainingData data, int batchSize) {
        Compiled c = model.compiled();
        Map<String, Loss> losses = c.losses(model);
        Map<String, List<Metric>> metrics = c.metrics(model);
        boolean wasTraining = model.isTraining();
        model.train(false);
        LossTerms.reset(metrics);
        Map<String, Double> sums = new LinkedHashMap<>();
        long n = 0;
        try (var g = GradMode.disabled()) {
            for (int[] idx : data.batchIndices(batchSize, null)) {
                Batch b = data.batch(idx);
                Map<String, Tensor> outs = model.run(model.matchInputs(b.inputs(), "evaluate"));
                LossTerms terms = LossTerms.of(model, losses, outs, b.targets(), "evaluate");
                sums.merge("loss", terms.total().item() * b.size(), Double::sum);
                terms.parts().forEach((k, v) -> sums.merge(k, v * b.size(), Double::sum));
                LossTerms.updateMetrics(model, metrics, outs, b.targets(), "evaluate");
                n += b.size();
            }
        } finally {
            model.train(wasTraining);
        }
        if (n == 0) throw new IllegalArgumentException(model.name() + ".evaluate: no samples");
        Map<String, Double> logs = new LinkedHashMap<>();
        for (var e : sums.entrySet()) logs.put(e.getKey(), e.getValue() / n);
        logs.putAll(LossTerms.metricLogs(metrics, model.outputNames().size() > 1));
        return logs;
    }

    /** Every output for every sample, batches joined along dim 0. */
    Map<String, Tensor> predict(TrainingData data, int batchSize) {
        boolean wasTraining = model.isTraining();
        model.train(false);
        Map<String, List<Tensor>> parts = new LinkedHashMap<>();
        try (var g = GradMode.disabled()) {
            for (int[] idx : data.batchIndices(batchSize, null)) {
                Batch b = data.batch(idx);
                model.run(model.matchInputs(b.inputs(), "predict"))
                        .forEach((k, v) -> parts.computeIfAbsent(k, key -> new ArrayList<>()).add(v.detach()));
            }
        } finally {
            model.train(wasTraining);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, v.size() == 1 ? v.get(0) : join(k, v)));
        return out;
    }

    private Tensor join(String output, List<Tensor> batches) {
        try {
            return F.concat(batches, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model.name() + ".predict: batches of output '" + output
                    + "' differ in shape beyond the batch dim (padded per batch?); predict batch by batch with forward: "
                    + e.getMessage(), e);
        }
    }
}
