package io.seqlearn.tasks;

import io.seqlearn.autograd.GradMode;
import io.seqlearn.nn.Module;
import io.seqlearn.optim.GradClip;
import io.seqlearn.optim.Optimizer;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.train.History;
import io.seqlearn.train.ProgressBar;
import io.seqlearn.train.Verbosity;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The training loop the recipes share: epochs of (loss, backward, gradient clipping, optimizer step),
 * a validation pass after each epoch, the learning-rate schedule of {@link TrainSettings}, early stopping,
 * a wall-clock budget, and the best weights kept (and handed to a listener that saves them). Progress goes
 * to a Keras-style {@link ProgressBar}.
 *
 * <p>The time budget covers training and validation: a step is only started if it and the following
 * validation are expected to finish in time (estimates: the mean of the recent steps, the first step of the
 * run left out as JIT warm-up; the last validation or, before one has run, {@link Fitting#validationCost()}
 * steps). An epoch cut short is still validated. After the run the model holds the best weights seen.
 */
public final class Trainer {
    /** Receives each new best: the model holds the new best weights during the call (e.g. save them). */
    @FunctionalInterface
    public interface BestListener {
        void onBest(int epoch, Map<String, Double> logs) throws IOException;
    }

    private final TrainSettings settings;
    private final PrintStream out;
    private final Verbosity verbosity;
    private final LongSupplier clock;

    public Trainer(TrainSettings settings, PrintStream out, Verbosity verbosity) {
        this(settings, out, verbosity, System::nanoTime);
    }

    /** {@code clock} gives nanoseconds (tests pass a fake one to exercise the time limit). */
    public Trainer(TrainSettings settings, PrintStream out, Verbosity verbosity, LongSupplier clock) {
        this.settings = settings;
        this.out = out;
        this.verbosity = verbosity;
        this.clock = clock;
    }

    /** Trains {@code f}'s model; see the class comment. */
    public TrainResult fit(Fitting f, BestListener onBest) {
        Module model = f.model();
        List<Tensor> params = model.parameters();
        Optimizer opt = settings.newOptimizer(params);
        ProgressBar bar = new ProgressBar(out, verbosity, clock);
        History history = new History();
        Rng rng = new Rng(settings.seed() ^ 0x5DEECE66DL);
        long start = clock.getAsLong();
        double plateauScale = 1.0;
        double best = Double.NaN;
        int bestEpoch = -1, sinceBest = 0, epoch = 0;
        Map<String, Double> bestLogs = Map.of();
        Map<String, Tensor> bestWeights = null;
        long steps = 0;
        double stepSeconds = 0, valSeconds = -1;
        String stoppedBy = "epochs";
        for (; epoch < settings.epochs(); epoch++) {
            opt.setLearningRate(settings.scheduledRate(epoch) * plateauScale);
            int n = f.beginEpoch(epoch, rng);
            bar.epochBegin(epoch, settings.epochs(), n);
            double lossSum = 0;
            long samples = 0, tokens = 0;
            int done = 0;
            for (int i = 0; i < n; i++) {
                double valEstimate = valSeconds >= 0 ? valSeconds : stepSeconds * f.validationCost();
                if ((done > 0 || epoch > 0) && overBudget(start, stepSeconds + valEstimate)) {
                    stoppedBy = "time";
                    break;
                }
                long t0 = clock.getAsLong();
                model.train(true);
                Fitting.Step s = f.step(i);
                double v = s.loss().item();
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("training diverged: loss is " + v + " at epoch " + (epoch + 1) + ", step "
                            + (i + 1) + "; try a lower learning rate (--lr) or a smaller gradient clip (--clip)");
                }
                opt.zeroGrad();
                s.loss().backward();
                if (settings.clipNorm() > 0) GradClip.clipByGlobalNorm(params, settings.clipNorm());
                opt.step();
                steps++;
                done++;
                lossSum += v * s.samples();
                samples += s.samples();
                tokens += s.tokens();
                if (steps > 1) stepSeconds += ((clock.getAsLong() - t0) / 1e9 - stepSeconds) / Math.min(steps - 1, 20);
                bar.update(done, runningLogs(lossSum, samples), samples, tokens);
            }
            if (done == 0) {
                stoppedBy = "time";
                break;
            }
            Map<String, Double> logs = new LinkedHashMap<>();
            double meanLoss = lossSum / samples;
            logs.put("loss", meanLoss);
            logs.putAll(f.trainLogs(meanLoss));
            long v0 = clock.getAsLong();
            model.train(false);
            try (var g = GradMode.disabled()) {
                logs.putAll(f.validate());
            }
            valSeconds = (clock.getAsLong() - v0) / 1e9;
            logs.put("learning_rate", opt.learningRate());
            logs.put("seconds", (clock.getAsLong() - start) / 1e9);
            history.append(epoch, logs);
            bar.epochEnd(logs, samples, tokens);
            Double m = logs.get(f.monitor());
            if (m != null && !m.isNaN() && (bestEpoch < 0 || better(m, best, f.monitorMaximises()))) {
                best = m;
                bestEpoch = epoch;
                bestLogs = Map.copyOf(logs);
                bestWeights = snapshot(model);
                sinceBest = 0;
                notify(onBest, epoch, logs);
            } else {
                sinceBest++;
                plateauScale *= settings.plateauFactor();
            }
            if (settings.patience() > 0 && sinceBest >= settings.patience()) {
                stoppedBy = "patience";
                epoch++;
                break;
            }
            if (stoppedBy.equals("time")) {
                epoch++;
                break;
            }
        }
        if (bestWeights != null) model.loadStateDict(bestWeights, true);
        model.train(false);
        return new TrainResult(history, bestEpoch, bestLogs, epoch, steps, (clock.getAsLong() - start) / 1e9, stoppedBy);
    }

    private boolean overBudget(long start, double neededSeconds) {
        if (settings.timeLimitSeconds() <= 0) return false;
        return (clock.getAsLong() - start) / 1e9 + neededSeconds > settings.timeLimitSeconds();
    }

    private static boolean better(double v, double best, boolean maximise) {
        return maximise ? v > best : v < best;
    }

    private static Map<String, Double> runningLogs(double lossSum, long samples) {
        return Map.of("loss", samples == 0 ? Double.NaN : lossSum / samples);
    }

    /** A copy of every parameter and buffer (the live tensors keep changing). */
    static Map<String, Tensor> snapshot(Module model) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        model.stateDict().forEach((k, t) -> copy.put(k, t.detach().copy()));
        return copy;
    }

    private static void notify(BestListener l, int epoch, Map<String, Double> logs) {
        if (l == null) return;
        try {
            l.onBest(epoch, logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
