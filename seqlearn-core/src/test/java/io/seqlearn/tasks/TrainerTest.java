package io.seqlearn.tasks;

import io.seqlearn.loss.MSELoss;
import io.seqlearn.nn.Linear;
import io.seqlearn.nn.Module;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import io.seqlearn.train.Verbosity;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final PrintStream NULL = new PrintStream(OutputStream.nullOutputStream());

    /** y = 2x on a 1→1 linear model; validation values are scripted per epoch; each step advances a fake clock. */
    static class Scripted implements Fitting {
        final Linear net = new Linear(1, 1, new Rng(1));
        final double[] val;
        final long[] clock;
        final long stepNanos;
        int validations;
        final List<Double> weightAtValidation = new ArrayList<>();
        final List<Double> lrSeen = new ArrayList<>();

        Scripted(double[] val, long[] clock, long stepNanos) {
            this.val = val;
            this.clock = clock;
            this.stepNanos = stepNanos;
        }

        @Override public Module model() { return net; }

        @Override public int beginEpoch(int epoch, Rng rng) { return 4; }

        @Override
        public Step step(int index) {
            clock[0] += stepNanos;
            Tensor x = Tensors.full(DType.F32, index + 1.0, 2, 1);
            return new Step(new MSELoss().apply(net.forward(x), x.mul(2)), 2, 0);
        }

        @Override
        public Map<String, Double> validate() {
            weightAtValidation.add(net.weight().item());
            return Map.of("val_loss", val[validations++]);
        }

        @Override public double validationCost() { return 0.4; }

        @Override public String monitor() { return "val_loss"; }
    }

    private static TrainResult fit(Scripted f, TrainSettings s, long[] clock, List<Integer> bestEpochs) {
        Trainer t = new Trainer(s, NULL, Verbosity.SILENT, () -> clock[0]);
        return t.fit(f, (epoch, logs) -> bestEpochs.add(epoch));
    }

    @Test
    void keepsTheBestWeightsAndReportsEachImprovement() {
        long[] clock = {0};
        Scripted f = new Scripted(new double[]{3, 1, 2, 1.5}, clock, 1);
        List<Integer> best = new ArrayList<>();
        TrainResult r = fit(f, TrainSettings.adam(0.05).withEpochs(4).withClipNorm(0), clock, best);
        assertEquals(List.of(0, 1), best);
        assertEquals(1, r.bestEpoch());
        assertEquals(1.0, r.bestMetrics().get("val_loss"));
        assertEquals(f.weightAtValidation.get(1), f.net.weight().item(), 0.0, "weights of epoch 2 restored");
        assertEquals(4, r.history().size());
        assertEquals(16, r.steps());
        assertEquals("epochs", r.stoppedBy());
    }

    @Test
    void patienceStopsAfterEpochsWithoutImprovement() {
        long[] clock = {0};
        Scripted f = new Scripted(new double[]{1, 2, 3, 4, 5, 6}, clock, 1);
        TrainResult r = fit(f, TrainSettings.adam(0.01).withEpochs(6).withPatience(2), clock, new ArrayList<>());
        assertEquals("patience", r.stoppedBy());
        assertEquals(3, r.epochs());
        assertEquals(0, r.bestEpoch());
    }

    @Test
    void timeLimitCutsTheEpochButStillValidates() {
        long[] clock = {0};
        long second = 1_000_000_000L;
        Scripted f = new Scripted(new double[]{5, 4, 3, 2, 1}, clock, second);
        // 4 steps of 1 s per epoch; the first validation takes no (fake) time, so a 6 s budget fits epoch 1 and two
        // steps of epoch 2
        TrainResult r = fit(f, TrainSettings.adam(0.01).withEpochs(5).withTimeLimitSeconds(6), clock, new ArrayList<>());
        assertEquals("time", r.stoppedBy());
        assertEquals(2, r.history().size(), "the cut epoch is validated too");
        assertEquals(6, r.steps());
        assertTrue(clock[0] <= 6 * second);
    }

    @Test
    void learningRateFollowsDecayAndPlateau() {
        long[] clock = {0};
        Scripted f = new Scripted(new double[]{5, 6, 4, 4}, clock, 1);
        TrainResult r = fit(f, TrainSettings.adam(1.0).withOptimizer("sgd").withLearningRate(0.01).withEpochs(4)
                .withLrDecay(0.5, 2).withPlateauFactor(0.1), clock, new ArrayList<>());
        List<Double> lr = r.history().get("learning_rate");
        // decay: epochs 1-2 at 0.01, then halved each epoch; plateau ×0.1 after epoch 2 (no gain) and epoch 4
        assertEquals(0.01, lr.get(0), 1e-15);
        assertEquals(0.01, lr.get(1), 1e-15);
        assertEquals(0.01 * 0.5 * 0.1, lr.get(2), 1e-15);
        assertEquals(0.01 * 0.25 * 0.1, lr.get(3), 1e-15);
    }

    @Test
    void divergenceIsAClearError() {
        long[] clock = {0};
        Scripted f = new Scripted(new double[]{1}, clock, 1) {
            @Override
            public Step step(int index) {
                return new Step(Tensors.full(DType.F32, Double.NaN, 1).sum().add(net.weight().sum()), 1, 0);
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> fit(f, TrainSettings.adam(0.01).withEpochs(1), clock, new ArrayList<>()));
        assertTrue(e.getMessage().contains("loss is NaN at epoch 1, step 1"), e.getMessage());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> TrainSettings.adam(0.01).withOptimizer("lbfgs"));
        assertThrows(IllegalArgumentException.class, () -> TrainSettings.adam(-1));
        assertThrows(IllegalArgumentException.class, () -> TrainSettings.adam(0.01).withEpochs(0));
        TrainSettings z = TrainSettings.adam(1.0).withLrDecay(0.5, 4);
        assertEquals(1.0, z.scheduledRate(3));
        assertEquals(0.5, z.scheduledRate(4));
        assertEquals(0.125, z.scheduledRate(6));
    }
}
