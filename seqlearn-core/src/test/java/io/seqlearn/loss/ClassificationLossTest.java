package io.seqlearn.loss;

import io.seqlearn.autograd.GradCheck;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Rng;
import io.seqlearn.tensor.ShapeException;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.tensor.Tensors;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NLLLoss, CategoricalCrossEntropy and BCEWithLogitsLoss: hand values, gradient checks, errors. */
class ClassificationLossTest {
    private final Rng rng = new Rng(21);

    private Tensor r(double lo, double hi, int... shape) { return Tensors.uniform(DType.F64, rng, lo, hi, shape); }

    private static Tensor idx(int[] v, int... shape) { return Tensors.indices(DType.F64, v, shape); }

    private Tensor probs(int... shape) { return r(-1, 1, shape).softmax(-1); }

    @Test void nllPicksTheTargetLogProbability() {
        Tensor lp = Tensor.of(new double[]{-1, -2, -3, -4, -5, -6}, 2, 3);
        assertEquals((2 + 4) / 2.0, new NLLLoss().apply(lp, idx(new int[]{1, 0}, 2)).item(), 1e-15);
        assertEquals(2.0, new NLLLoss(Reduction.MEAN, 0, false).apply(lp, idx(new int[]{1, 0}, 2)).item(), 1e-15);
        assertArrayEquals(new double[]{3, 6}, new NLLLoss(Reduction.NONE, -100, true)
                .apply(lp, idx(new int[]{2, 2}, 2)).toDoubleArray(), 0);
    }

    @Test void nllOfLogSoftmaxEqualsCrossEntropy() {
        Tensor x = r(-2, 2, 3, 4, 5);
        Tensor y = idx(new int[]{0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 1, 1, 2, 2, 3}, 3, 5);
        assertEquals(new CrossEntropyLoss().apply(x, y).item(), new NLLLoss().apply(x.logSoftmax(1), y).item(), 1e-12);
    }

    @Test void categoricalOnProbabilitiesWithIndexOrOneHotTargets() {
        Tensor p = Tensor.of(new double[]{0.2, 0.5, 0.3, 0.6, 0.3, 0.1}, 2, 3);
        Tensor oneHot = Tensor.of(new double[]{0, 1, 0, 1, 0, 0}, 2, 3);
        double expect = -(Math.log(0.5) + Math.log(0.6)) / 2;
        assertEquals(expect, new CategoricalCrossEntropy().apply(p, oneHot).item(), 1e-12);
        assertEquals(expect, new CategoricalCrossEntropy().apply(p, idx(new int[]{1, 0}, 2)).item(), 1e-12);
        // (B, T, C) sequence output with (B, T) targets
        Tensor seq = probs(2, 3, 4);
        Tensor y = idx(new int[]{0, 1, 2, 3, 0, 1}, 2, 3);
        assertEquals(new NLLLoss(Reduction.MEAN, -100, true).apply(seq.log(), y).item(),
                new CategoricalCrossEntropy().apply(seq, y).item(), 1e-12);
    }

    @Test void categoricalClipsZeroProbabilitiesLikeKeras() {
        Tensor p = Tensor.of(new double[]{0, 1}, 1, 2);
        double v = new CategoricalCrossEntropy().apply(p, idx(new int[]{0}, 1)).item();
        assertEquals(-Math.log(1e-7), v, 1e-9);
    }

    @Test void categoricalFromLogitsAndSmoothing() {
        Tensor x = r(-2, 2, 4, 5);
        Tensor y = idx(new int[]{1, 2, 3, 4}, 4);
        var o = CategoricalCrossEntropy.Options.defaults().withFromLogits(true).withLabelSmoothing(0.2);
        var ce = new CrossEntropyLoss(CrossEntropyLoss.Options.defaults().withLabelSmoothing(0.2));
        assertEquals(ce.apply(x, y).item(), new CategoricalCrossEntropy(o).apply(x, y).item(), 1e-12);
    }

    @Test void bceHandValueAndStabilityAtLargeLogits() {
        Tensor x = Tensor.of(new double[]{0, 800, -800}, 3);
        Tensor y = Tensor.of(new double[]{1, 0, 1}, 3);
        Tensor l = new BCEWithLogitsLoss(Reduction.NONE, null).apply(x, y);
        assertArrayEquals(new double[]{Math.log(2), 800, 800}, l.toDoubleArray(), 1e-12);
        Tensor pw = Tensor.of(new double[]{3}, 1);
        assertEquals(3 * Math.log(2), new BCEWithLogitsLoss(Reduction.SUM, pw)
                .apply(Tensor.of(new double[]{0}, 1), Tensor.of(new double[]{1}, 1)).item(), 1e-12);
        Tensor big = x.copy().requiresGrad(true);
        new BCEWithLogitsLoss().apply(big, y).backward();
        for (double g : big.grad().toDoubleArray()) assertTrue(Double.isFinite(g));
    }

    @Test void gradChecks() {
        Tensor y = idx(new int[]{0, 3, -100}, 3);
        for (Reduction red : Reduction.values()) {
            GradCheck.check(v -> new NLLLoss(red, -100, false).apply(v[0], y), r(-3, 0, 3, 4));
            GradCheck.check(v -> new NLLLoss(red, -100, true).apply(v[0], idx(new int[]{1, 2}, 2)), r(-3, 0, 2, 3));
            var o = CategoricalCrossEntropy.Options.defaults().withReduction(red).withLabelSmoothing(0.1);
            GradCheck.check(v -> new CategoricalCrossEntropy(o).apply(v[0], v[1]), probs(3, 4), probs(3, 4));
            GradCheck.check(v -> new CategoricalCrossEntropy(o.withFromLogits(true)).apply(v[0], idx(new int[]{1, 2}, 2)),
                    r(-1, 1, 2, 4));
            Tensor pw = Tensor.of(new double[]{0.5, 2, 3}, 3);
            GradCheck.check(v -> new BCEWithLogitsLoss(red, pw).apply(v[0], v[1]), r(-4, 4, 4, 3), r(0, 1, 4, 3));
            GradCheck.check(v -> new BCEWithLogitsLoss(red, null).apply(v[0], v[1]), r(-4, 4, 2, 5), r(0, 1, 2, 5));
        }
    }

    @Test void errorsNameTheLoss() {
        var e = assertThrows(ShapeException.class, () -> new NLLLoss().apply(r(-1, 0, 4, 3), idx(new int[]{1, 2, 0}, 3)));
        assertEquals("nll_loss: target expected (4,) for channels-first (N, C, …) input (4, 3), got (3,)", e.getMessage());
        var c = assertThrows(ShapeException.class, () -> new CategoricalCrossEntropy().apply(probs(2, 3), idx(new int[]{0, 1, 2}, 3)));
        assertTrue(c.getMessage().startsWith("categorical_crossentropy: target expected (2,)"), c.getMessage());
        var b = assertThrows(ShapeException.class,
                () -> new BCEWithLogitsLoss(Reduction.MEAN, Tensor.of(new double[]{1, 2}, 2)).apply(r(0, 1, 2, 3), r(0, 1, 2, 3)));
        assertEquals("binary_cross_entropy_with_logits: pos_weight expected (3,) to match the last axis of (2, 3), got (2,)",
                b.getMessage());
    }
}
