package io.seqlearn.optim.schedule;

import io.seqlearn.optim.SGD;
import io.seqlearn.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleTest {
    private static SGD sgd(double lr) { return new SGD(List.of(Tensor.of(new double[]{0}, 1)), lr); }

    @Test void closedFormsByHand() {
        assertEquals(0.1 * 0.25, new StepLR(2, 0.5).lr(5, 0.1), 1e-15);
        assertEquals(0.1 * 0.9 * 0.9, new ExponentialLR(0.9).lr(2, 0.1), 1e-15);
        assertEquals(0.05, new CosineAnnealingLR(10).lr(5, 0.1), 1e-15);
        assertEquals(0.0, new CosineAnnealingLR(10).lr(10, 0.1), 1e-15);
        assertEquals(0.1 * (1.0 / 3 + 2.0 / 3 * 2 / 5), LinearLR.defaults().lr(2, 0.1), 1e-15);
        assertEquals(0.1, LinearLR.defaults().lr(50, 0.1), 1e-15);
    }

    @Test void warmupThenCosine() {
        var s = new WarmupCosineLR(4, 14, 0.25, 0.01);
        assertEquals(0.25, s.lr(0, 1.0), 1e-15);
        assertEquals(0.25 + 0.75 * 3 / 4, s.lr(3, 1.0), 1e-15);
        assertEquals(1.0, s.lr(4, 1.0), 1e-15);
        // halfway through the decay: (1 + 0.01) / 2
        assertEquals(0.505, s.lr(9, 1.0), 1e-15);
        assertEquals(0.01, s.lr(14, 1.0), 1e-15);
        assertEquals(0.01, s.lr(100, 1.0), 1e-15);
        // the warm-up part equals LinearLR, the decay part CosineAnnealingLR shifted by w (PyTorch's SequentialLR)
        var linear = new LinearLR(0.25, 1.0, 4);
        var cosine = new CosineAnnealingLR(10, 0.01);
        for (int t = 0; t < 4; t++) assertEquals(linear.lr(t, 1.0), s.lr(t, 1.0), 1e-15);
        for (int t = 4; t <= 14; t++) assertEquals(cosine.lr(t - 4, 1.0), s.lr(t, 1.0), 1e-15);
        assertEquals(0.0, new WarmupCosineLR(2, 10).lr(0, 1.0));
    }

    @Test void schedulerSetsRateAtConstructionAndEachStepAndResumes() {
        SGD opt = sgd(0.2);
        var s = new LRScheduler(opt, new LinearLR(0.5, 1.0, 2), LRScheduler.Interval.BATCH);
        assertEquals(0.1, opt.learningRate(), 1e-15);
        s.step();
        assertEquals(0.15, opt.learningRate(), 1e-15);
        assertEquals(LRScheduler.Interval.BATCH, s.interval());
        SGD other = sgd(0.2);
        var resumed = new LRScheduler(other, new LinearLR(0.5, 1.0, 2));
        resumed.setStepCount(1);
        assertEquals(opt.learningRate(), other.learningRate());
        s.step();
        resumed.step();
        assertEquals(0.2, other.learningRate(), 1e-15);
        assertEquals(2, resumed.stepCount());
    }

    @Test void plateauMaxModeAbsThresholdAndState() {
        SGD opt = sgd(1.0);
        var o = ReduceLROnPlateau.Options.defaults().withMode(ReduceLROnPlateau.Mode.MAX).withPatience(1)
                .withThreshold(0.1, ReduceLROnPlateau.ThresholdMode.ABS).withFactor(0.5);
        var p = new ReduceLROnPlateau(opt, o);
        p.step(0.5);  // best 0.5
        p.step(0.55); // not better by 0.1 → bad 1
        assertEquals(1.0, opt.learningRate());
        p.step(0.59); // bad 2 > patience 1 → halve
        assertEquals(0.5, opt.learningRate());
        p.step(0.7);  // better
        assertEquals(0.7, p.best());
        var saved = p.state();
        var q = new ReduceLROnPlateau(opt, o);
        q.restore(saved);
        assertEquals(0, q.badEpochs());
        assertEquals(0.7, q.best());
    }

    @Test void minLrFloorsTheRate() {
        SGD opt = sgd(1.0);
        var p = new ReduceLROnPlateau(opt, ReduceLROnPlateau.Options.defaults().withPatience(0).withMinLr(0.3).withFactor(0.5));
        for (int e = 0; e < 5; e++) p.step(1.0);
        assertEquals(0.3, opt.learningRate(), 1e-15);
    }

    @Test void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new StepLR(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new LinearLR(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> new WarmupCosineLR(10, 10));
        assertThrows(IllegalArgumentException.class, () -> ReduceLROnPlateau.Options.defaults().withFactor(1.0));
    }
}
