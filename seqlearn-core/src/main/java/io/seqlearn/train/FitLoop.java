package io.seqlearn.train;

import io.seqlearn.data.TrainingData;
import io.seqlearn.data.Batch;
import io.seqlearn.metrics.Metric;
import io.seqlearn.autograd.GradMode;
import io.seqlearn.tensor.Seeds;
import io.seqlearn.loss.Loss;
import io.seqlearn.optim.GradClip;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code fit} call: epochs of shuffled mini-batches (forward, loss, backward, optimizer step), running
 * logs for the progress bar and callbacks, validation after each epoch, History. The data order of epoch e
 * and the dropout masks of global step s depend only on (run seed, e) and (run seed, s), which is what makes
 * a resumed run equal an uninterrupted one.
 *
 * <p>A NaN/Inf loss is caught before backward: no update is made, and unless a callback such as
 * {@link TerminateOnNaN} ends training quietly, a {@link NonFiniteLossException} naming the epoch, step and
 * batch is thrown.
 */
final class FitLoop {
    private final Model model;
    private final FitOptions options;
    private final long runSeed;
    private final ProgressBar bar;
    /** Samples and tokens of the current epoch so far (for the running averages and the throughput). */
    private long samples;
    private long tokens;

    FitLoop(Model model, FitOptions options) {
        this.model = model;
        this.options = options;
        this.runSeed = options.seed() != null ? options.seed() : model.seed();
        this.bar = new ProgressBar(options.out(), options.verbosity());
    }

    History run(TrainingData data) {
        Compiled compiled = model.compiled();
        TrainingData train = data;
        TrainingData val = options.validationData();
        if (options.validationSplit() > 0) {
            int nVal = (int) Math.floor(data.size() * options.validationSplit());
            if (nVal == 0 || nVal == data.size()) {
                throw new IllegalArgumentException(model.name() + ".fit: validation split " + options.validationSplit() + " of "
                        + data.size() + " samples leaves " + nVal + " for validation");
            }
            train = data.subset(0, data.size() - nVal);
            val = data.subset(data.size() - nVal, data.size());
        }
        if (train.size() == 0) throw new IllegalArgumentException(model.name() + ".fit: no training samples");
        int first = model.state.epoch;
        int end = options.untilEpoch() >= 0 ? Math.max(first, options.untilEpoch()) : first + options.epochs();
        prepare(train);
        FitContext ctx = new FitContext(model, options, first, end);
        warnOnThreadChange(ctx);
        restoreCallbackStates();
        options.callbacks().forEach(cb -> cb.onTrainBegin(ctx));
        for (int epoch = first; epoch < end && !ctx.stopRequested(); epoch++) {
            Map<String, Double> logs = trainEpoch(ctx, compiled, train, epoch, end);
            if (logs == null) break;
            if (val != null) model.evaluate(val, options.batchSize()).forEach((k, v) -> logs.put("val_" + k, v));
            logs.put("learning_rate", model.ensureOptimizer().learningRate());
            model.state.epoch = epoch + 1;
            model.state.history.append(epoch, logs);
            bar.epochEnd(logs, samples, tokens);
            for (Callback cb : options.callbacks()) cb.onEpochEnd(ctx, epoch, logs);
        }
        options.callbacks().forEach(cb -> cb.onTrainEnd(ctx));
        return model.history();
    }

    /** Trains one epoch; returns its logs, or null when a callback ended training on a non-finite loss. */
    private Map<String, Double> trainEpoch(FitContext ctx, Compiled compiled, TrainingData train, int epoch, int end) {
        Map<String, Loss> losses = compiled.losses(model);
        Map<String, List<Metric>> metrics = compiled.metrics(model);
        boolean multi = model.outputNames().size() > 1;
        model.train(true);
        LossTerms.reset(metrics);
        for (Callback cb : options.callbacks()) cb.onEpochBegin(ctx, epoch);
        Rng order = options.shuffle() ? new Rng(Seeds.mix(runSeed, "shuffle", epoch)) : null;
        List<int[]> batches = train.batchIndices(options.batchSize(), order);
        bar.epochBegin(epoch, end, batches.size());
        Map<String, Double> sums = new LinkedHashMap<>();
        samples = 0;
        tokens = 0;
        for (int step = 0; step < batches.size(); step++) {
            Batch b = train.batch(batches.get(step));
            model.setStepSeeds(runSeed, model.state.globalStep);
            Map<String, Tensor> outs = model.run(model.matchInputs(b.inputs(), "fit"));
            LossTerms terms = LossTerms.of(model, losses, outs, b.targets(), "fit");
            double value = terms.total().item();
            if (!Double.isFinite(value)) {
                NonFiniteLossException e = nonFinite(epoch, end, step, batches, value);
                if (options.callbacks().stream().anyMatch(cb -> cb.onNonFiniteLoss(ctx, e))) return null;
                throw e;
            }
            model.zeroGrad();
            terms.total().backward();
            Optimizer opt = model.ensureOptimizer();
            if (options.clipNorm() > 0) GradClip.clipByGlobalNorm(opt.parameters(), options.clipNorm());
            opt.step();
            model.state.globalStep++;
            try (var g = GradMode.disabled()) {
                LossTerms.updateMetrics(model, metrics, outs, b.targets(), "fit");
            }
            sums.merge("loss", value * b.size(), Double::sum);
            terms.parts().forEach((k, v) -> sums.merge(k, v * b.size(), Double::sum));
            samples += b.size();
            tokens += b.tokens();
            Map<String, Double> logs = averages(sums);
            logs.putAll(LossTerms.metricLogs(metrics, multi));
            bar.update(step + 1, logs, samples, tokens);
            for (Callback cb : options.callbacks()) cb.onBatchEnd(ctx, epoch, step, logs);
        }
        Map<String, Double> logs = averages(sums);
        logs.putAll(LossTerms.metricLogs(metrics, multi));
        return logs;
    }

    private Map<String, Double> averages(Map<String, Double> sums) {
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, samples == 0 ? Double.NaN : v / samples));
        return out;
    }

    private NonFiniteLossException nonFinite(int epoch, int end, int step, List<int[]> batches, double value) {
        int[] idx = batches.get(step);
        String shown = Arrays.toString(Arrays.copyOf(idx, Math.min(idx.length, 8)));
        if (idx.length > 8) shown = shown.substring(0, shown.length() - 1) + ", …]";
        long global = model.state.globalStep;
        String msg = model.name() + ".fit: loss is " + value + " at epoch " + (epoch + 1) + "/" + end + ", step " + (step + 1)
                + "/" + batches.size() + " (global step " + (global + 1) + "), batch of " + idx.length + " samples " + shown
                + "; training stopped before the update, so the weights are those after global step " + global;
        return new NonFiniteLossException(msg, epoch, step, global, value);
    }

    /**
     * Builds the model from one sample's shapes and creates the optimizer, so callbacks can read and set the
     * learning rate from the start (LearningRateScheduler acts at the first epoch's begin).
     */
    private void prepare(TrainingData train) {
        Batch probe = train.batch(new int[]{0});
        Map<String, int[]> shapes = new LinkedHashMap<>();
        model.matchInputs(probe.inputs(), "fit").forEach((k, v) -> shapes.put(k, v.shape()));
        model.buildFor(shapes);
        model.ensureOptimizer();
    }

    /**
     * A resumed run repeats the uninterrupted one bit for bit only on the same thread count (the CPU backend
     * splits sums and large GEMMs into per-thread blocks); say so once when the count changed.
     */
    private void warnOnThreadChange(FitContext ctx) {
        int saved = model.state.checkpointThreads, now = TrainerBlob.threadsOf(model);
        model.state.checkpointThreads = 0;
        if (saved > 0 && saved != now && ctx.out() != null) {
            ctx.out().println(model.name() + ".fit: resuming with " + now + " backend threads; the checkpoint was written with "
                    + saved + ", so training continues but not bit for bit as the uninterrupted run would");
        }
    }

    private void restoreCallbackStates() {
        List<TrainingState.SavedCallbackState> saved = model.state.pendingCallbackStates;
        if (saved == null) return;
        List<Callback> cbs = options.callbacks();
        for (int i = 0; i < Math.min(saved.size(), cbs.size()); i++) {
            if (cbs.get(i).getClass().getName().equals(saved.get(i).type())) cbs.get(i).restoreState(saved.get(i).state());
        }
        model.state.pendingCallbackStates = null;
    }
}
