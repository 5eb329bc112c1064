package io.seqlearn.train;

import io.seqlearn.layers.Dense;
import io.seqlearn.loss.Loss;
import io.seqlearn.loss.MSELoss;
import io.seqlearn.optim.SGD;
import io.seqlearn.optim.schedule.LRScheduler;
import io.seqlearn.optim.schedule.StepLR;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class CallbacksTest {
    @TempDir Path dir;

    private static Sequential compiled() {
        Sequential m = new Sequential(new Dense(1)).input(4);
        m.compile(p -> new SGD(p, 1.0), new MSELoss());
        m.ensureOptimizer();
        return m;
    }

    private static FitContext ctx(Model m) { return new FitContext(m, FitOptions.defaults().quiet(), 0, 10); }

    @Test void earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() {
        Sequential m = compiled();
        FitContext ctx = ctx(m);
        EarlyStopping es = new EarlyStopping("val_loss", 0, 2, Monitor.Mode.AUTO, true);
        double[] valLoss = {1.0, 0.5, 0.7, 0.8, 0.1};
        for (int epoch = 0; epoch < valLoss.length && !ctx.stopRequested(); epoch++) {
            m.stateDict().get("dense.weight").fill(epoch);  // weights "of" this epoch
            es.onEpochEnd(ctx, epoch, Map.of("val_loss", valLoss[epoch]));
        }
        assertTrue(ctx.stopRequested());
        assertEquals(3, es.stoppedEpoch());
        assertEquals(1, es.bestEpoch());
        assertEquals(0.5, es.best());
        assertEquals(1.0, m.stateDict().get("dense.weight").get(0, 0), "weights of epoch 1 restored");
    }

    @Test void earlyStoppingOnAccuracyMaximises() {
        EarlyStopping es = new EarlyStopping("val_accuracy", 0.05, 1, Monitor.Mode.AUTO, false);
        FitContext ctx = ctx(compiled());
        es.onEpochEnd(ctx, 0, Map.of("val_accuracy", 0.5));
        es.onEpochEnd(ctx, 1, Map.of("val_accuracy", 0.6));
        assertFalse(ctx.stopRequested());
        es.onEpochEnd(ctx, 2, Map.of("val_accuracy", 0.62));  // not better by more than minDelta
        assertTrue(ctx.stopRequested());
    }

    @Test void reduceLrOnPlateauFollowsKeras() {
        Sequential m = compiled();
        FitContext ctx = ctx(m);
        ReduceLROnPlateau r = new ReduceLROnPlateau("loss", 0.5, 1, 0, 1, 0.3, Monitor.Mode.AUTO);
        List<Double> lrs = new ArrayList<>();
        for (int e = 0; e < 5; e++) {
            r.onEpochEnd(ctx, e, Map.of("loss", 1.0));
            lrs.add(m.optimizer().learningRate());
        }
        assertEquals(List.of(1.0, 0.5, 0.3, 0.3, 0.3), lrs);
        ReduceLROnPlateau copy = new ReduceLROnPlateau("loss", 0.5, 1, 0, 1, 0.3, Monitor.Mode.AUTO);
        copy.restoreState(r.state());
        assertEquals(r.state(), copy.state());
    }

    @Test void schedulerSetsTheRateEachEpochAndHistoryLogsIt() {
        Tensor[] d = SequentialTest.regression(32, 1);
        Sequential m = new Sequential(new Dense(1));
        m.compile(p -> new SGD(p, 0.5), new MSELoss());
        History h = m.fit(d[0], d[1], FitOptions.defaults().withEpochs(3).withBatchSize(8).quiet()
                .withCallbacks(new LearningRateScheduler((epoch, lr) -> 0.01 * (epoch + 1))));
        assertEquals(List.of(0.01, 0.02, 0.03), h.get("learning_rate"));
    }

    /** A loss that turns NaN on its {@code bad}-th call. */
    private static Loss nanOnCall(int bad) {
        MSELoss mse = new MSELoss();
        int[] calls = {0};
        return (p, t) -> ++calls[0] == bad ? mse.apply(p, t).mul(Double.NaN) : mse.apply(p, t);
    }

    @Test void nonFiniteLossThrowsBeforeTheUpdateNamingEpochStepAndBatch() {
        Tensor[] d = SequentialTest.regression(32, 2);
        Sequential m = new Sequential(new Dense(1)).input(4);
        m.compile(p -> new SGD(p, 0.1), nanOnCall(7));
        List<float[]> afterStep = new ArrayList<>();
        Callback spy = new Callback() {
            @Override public void onBatchEnd(FitContext ctx, int epoch, int step, Map<String, Double> logs) {
                afterStep.add(m.stateDict().get("dense.weight").toFloatArray());
            }
        };
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> m.fit(d[0], d[1],
                FitOptions.defaults().withEpochs(3).withBatchSize(8).withShuffle(false).quiet().withCallbacks(spy)));
        assertEquals(1, e.epoch());
        assertEquals(2, e.step());
        assertEquals(6, e.globalStep());
        assertEquals("sequential.fit: loss is NaN at epoch 2/3, step 3/4 (global step 7), batch of 8 samples "
                + "[16, 17, 18, 19, 20, 21, 22, 23]; training stopped before the update, so the weights are those after global step 6",
                e.getMessage());
        assertArrayEquals(afterStep.get(5), m.stateDict().get("dense.weight").toFloatArray(), 0f, "no update from the bad step");
        assertEquals(6, m.stepsCompleted());
    }

    @Test void terminateOnNaNEndsQuietly() {
        Tensor[] d = SequentialTest.regression(32, 2);
        Sequential m = new Sequential(new Dense(1)).input(4);
        m.compile(p -> new SGD(p, 0.1), nanOnCall(6));
        TerminateOnNaN t = new TerminateOnNaN();
        History h = m.fit(d[0], d[1], FitOptions.defaults().withEpochs(3).withBatchSize(8).quiet().withCallbacks(t));
        assertEquals(1, h.size(), "only the first full epoch is logged");
        assertEquals(5, m.stepsCompleted());
        assertEquals(1, t.event().epoch());
        assertEquals(1, t.event().step());
    }

    @Test void csvLoggerWritesAndAppends() throws Exception {
        Tensor[] d = SequentialTest.regression(40, 3);
        Path csv = dir.resolve("log.csv");
        Sequential m = new Sequential(new Dense(1));
        m.compile(p -> new SGD(p, 0.05), new MSELoss());
        FitOptions o = FitOptions.defaults().withBatchSize(10).withValidationSplit(0.25).quiet();
        m.fit(d[0], d[1], o.withEpochs(2).withCallbacks(new CSVLogger(csv)));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertEquals("epoch,learning_rate,loss,val_loss", lines.get(0));
        assertEquals("0,0.05," + m.history().get("loss").get(0) + "," + m.history().get("val_loss").get(0), lines.get(1));
        m.fit(d[0], d[1], o.withEpochs(1).withCallbacks(new CSVLogger(csv, ",", true)));
        lines = Files.readAllLines(csv);
        assertEquals(4, lines.size());
        assertTrue(lines.get(3).startsWith("2,0.05,"), lines.get(3));
    }

    @Test void modelCheckpointBestOnlyWithTemplate() throws Exception {
        Sequential m = compiled();
        FitContext ctx = ctx(m);
        ModelCheckpoint cp = new ModelCheckpoint(dir.resolve("ck-{epoch:02d}-{val_loss:.3f}.safetensors").toString(),
                "val_loss", true, Monitor.Mode.AUTO, true);
        double[] v = {0.9, 0.4, 0.6, 0.3};
        for (int e = 0; e < v.length; e++) cp.onEpochEnd(ctx, e, Map.of("val_loss", v[e], "loss", 1.0));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("ck-01-0.900.safetensors", "ck-02-0.400.safetensors", "ck-04-0.300.safetensors"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(io.seqlearn.io.ModelFile.read(cp.lastSaved()).isCheckpoint(), "weightsOnly writes a plain model file");
        ModelCheckpoint bad = new ModelCheckpoint(dir.resolve("{val_acc}.safetensors").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.onEpochEnd(ctx, 0, Map.of("loss", 1.0)));
        assertTrue(e.getMessage().contains("'{val_acc}'"), e.getMessage());
    }

    @Test void scheduledLearningRatePerBatchFollowsTheStepCounter() {
        Tensor[] d = SequentialTest.regression(32, 1);
        Sequential m = new Sequential(new Dense(1));
        m.compile(p -> new SGD(p, 0.1), new MSELoss());
        ScheduledLearningRate s = new ScheduledLearningRate((t, base) -> base * (t + 1), LRScheduler.Interval.BATCH);
        History h = m.fit(d[0], d[1], FitOptions.defaults().withEpochs(2).withBatchSize(16).quiet().withCallbacks(s));
        assertEquals(0.3, h.get("learning_rate").get(0), 1e-12, "rate for step 2, set after the epoch's last step");
        assertEquals(0.5, h.get("learning_rate").get(1), 1e-12);
        ScheduledLearningRate perEpoch = new ScheduledLearningRate(new StepLR(1, 0.5), LRScheduler.Interval.EPOCH);
        perEpoch.restoreState(s.state());
        m.fit(d[0], d[1], FitOptions.defaults().withEpochs(1).withBatchSize(16).quiet().withCallbacks(perEpoch));
        assertEquals(0.1 * 0.25, m.history().last("learning_rate"), 1e-12, "epoch index 2 of StepLR(1, 0.5) from base 0.1");
    }

    @Test void clipNormBoundsTheUpdate() {
        Tensor[] d = SequentialTest.regression(8, 1);
        Sequential m = new Sequential(new Dense(1)).input(4);
        Map<String, Tensor> before = new java.util.LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> before.put(k, v.detach().copy()));
        m.compile(p -> new SGD(p, 1.0), new MSELoss());
        m.fit(d[0], d[1].mul(1000.0), FitOptions.defaults().withBatchSize(8).withClipNorm(0.1).quiet());
        double sq = 0;
        for (var e : before.entrySet()) sq += m.stateDict().get(e.getKey()).sub(e.getValue()).square().sum().item();
        assertEquals(0.1, Math.sqrt(sq), 1e-5, "one SGD step of lr 1 moves the weights by the clipped gradient");
    }

    @Test void historyBackfillsLateKeys() {
        History h = new History();
        h.append(0, Map.of("loss", 1.0));
        h.append(1, Map.of("loss", 0.5, "val_loss", 0.7));
        assertTrue(h.get("val_loss").get(0).isNaN());
        assertEquals(0.7, h.last("val_loss"));
        assertThrows(IllegalArgumentException.class, () -> h.get("accuracy"));
    }
}
