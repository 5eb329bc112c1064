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

class CrossEntropyLossTest {
    private final Rng rng = new Rng(11);

    private Tensor logits(DType dt, int... shape) { return Tensors.uniform(dt, rng, -2, 2, shape); }

    private static Tensor idx(int[] v, int... shape) { return Tensors.indices(DType.F32, v, shape); }

    private static CrossEntropyLoss ce(CrossEntropyLoss.Options o) { return new CrossEntropyLoss(o); }

    private static CrossEntropyLoss.Options opts() { return CrossEntropyLoss.Options.defaults(); }

    @Test void handComputedValue() {
        // logits [0, ln 2, ln 3]: softmax = [1/6, 2/6, 3/6]; target 2 -> −log(1/2)
        Tensor x = Tensor.of(new double[]{0, Math.log(2), Math.log(3), 0, 0, 0}, 2, 3);
        Tensor y = idx(new int[]{2, 0}, 2);
        double expect = (Math.log(2) + Math.log(3)) / 2;
        assertEquals(expect, new CrossEntropyLoss().apply(x, y).item(), 1e-12);
        assertEquals(2 * expect, ce(opts().withReduction(Reduction.SUM)).apply(x, y).item(), 1e-12);
        assertArrayEquals(new double[]{Math.log(2), Math.log(3)},
                ce(opts().withReduction(Reduction.NONE)).apply(x, y).toDoubleArray(), 1e-12);
    }

    @Test void ignoreIndexLeavesRowsOutOfTheMeanDenominator() {
        Tensor x = logits(DType.F64, 4, 5);
        Tensor none = ce(opts().withReduction(Reduction.NONE)).apply(x, idx(new int[]{1, 2, 3, 4}, 4));
        Tensor masked = ce(opts().withIgnoreIndex(0)).apply(x, idx(new int[]{1, 0, 3, 0}, 4));
        double[] l = none.toDoubleArray();
        assertEquals((l[0] + l[2]) / 2, masked.item(), 1e-12);
        Tensor ignoredNone = ce(opts().withIgnoreIndex(0).withReduction(Reduction.NONE)).apply(x, idx(new int[]{1, 0, 3, 0}, 4));
        assertArrayEquals(new double[]{l[0], 0, l[2], 0}, ignoredNone.toDoubleArray(), 1e-12);
        Tensor def = new CrossEntropyLoss().apply(x, idx(new int[]{1, -100, 3, -100}, 4));
        assertEquals(masked.item(), def.item(), 1e-12);
    }

    @Test void allIgnoredMeanIsNaNWithZeroGradient() {
        Tensor x = logits(DType.F64, 2, 3).requiresGrad(true);
        Tensor loss = new CrossEntropyLoss().apply(x, idx(new int[]{-100, -100}, 2));
        assertTrue(Double.isNaN(loss.item()));
        loss.backward();
        for (double g : x.grad().toDoubleArray()) assertEquals(0.0, g);
    }

    @Test void labelSmoothingFollowsPyTorchFormula() {
        Tensor x = logits(DType.F64, 3, 4);
        int[] y = {1, 3, 0};
        double eps = 0.2;
        double[][] lp = new double[3][];
        Tensor ls = x.logSoftmax(1);
        double expect = 0;
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int c = 0; c < 4; c++) sum += ls.get(r, c);
            expect += (1 - eps) * -ls.get(r, y[r]) + eps / 4 * -sum;
        }
        assertEquals(expect / 3, ce(opts().withLabelSmoothing(eps)).apply(x, idx(y, 3)).item(), 1e-12);
    }

    @Test void matchesUnfusedLogSoftmaxGather() {
        Tensor x = logits(DType.F64, 6, 7).requiresGrad(true);
        Tensor y = idx(new int[]{0, 6, 3, 2, 5, 1}, 6);
        Tensor fused = new CrossEntropyLoss().apply(x, y);
        fused.backward();
        double[] gFused = x.grad().toDoubleArray();
        x.setGrad(null);
        Tensor ref = x.logSoftmax(1).gather(1, y.to(DType.F64).reshape(6, 1)).neg().mean();
        ref.backward();
        assertEquals(ref.item(), fused.item(), 1e-12);
        assertArrayEquals(x.grad().toDoubleArray(), gFused, 1e-12);
    }

    @Test void channelsFirstAndChannelsLastAgree() {
        Tensor ncd = logits(DType.F64, 2, 5, 3); // (N, C, d1)
        Tensor ndc = ncd.permute(0, 2, 1).contiguous(); // (N, d1, C)
        Tensor y = idx(new int[]{0, 4, 2, 1, 3, 3}, 2, 3);
        var none = opts().withReduction(Reduction.NONE);
        Tensor a = ce(none).apply(ncd, y);
        Tensor b = ce(none.withChannelsLast(true)).apply(ndc, y);
        assertArrayEquals(new int[]{2, 3}, a.shape());
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 1e-12);
        // row (n=1, d=2) has target 3: −log softmax over ncd[1, :, 2]
        assertEquals(-ncd.select(0, 1).select(1, 2).logSoftmax(0).get(3), a.get(1, 2), 1e-12);
    }

    @Test void unbatchedInput() {
        Tensor x = Tensor.of(new double[]{1, 2, 3}, 3);
        Tensor y = Tensors.indices(DType.F32, new int[]{1}).reshape();
        assertEquals(-x.logSoftmax(0).get(1), new CrossEntropyLoss().apply(x, y).item(), 1e-12);
    }

    @Test void probabilityTargets() {
        Tensor x = logits(DType.F64, 3, 4);
        Tensor t = Tensors.rand(DType.F64, rng, 3, 4);
        t = t.div(t.sum(1, true));
        double expect = x.logSoftmax(1).mul(t).sum().neg().item() / 3;
        assertEquals(expect, new CrossEntropyLoss().apply(x, t).item(), 1e-12);
        GradCheck.check(v -> new CrossEntropyLoss(opts().withLabelSmoothing(0.1)).apply(v[0], v[1]), x, t);
    }

    @Test void float32MatchesFloat64() {
        Tensor x = logits(DType.F64, 8, 50);
        int[] ys = new int[8];
        for (int i = 0; i < 8; i++) ys[i] = (i * 7) % 50;
        Tensor y = idx(ys, 8);
        var o = opts().withLabelSmoothing(0.1);
        Tensor x32 = x.to(DType.F32).requiresGrad(true);
        Tensor x64 = x.copy().requiresGrad(true);
        Tensor l32 = ce(o).apply(x32, y), l64 = ce(o).apply(x64, y);
        assertEquals(DType.F32, l32.dtype());
        assertEquals(l64.item(), l32.item(), 1e-6);
        l32.backward();
        l64.backward();
        assertArrayEquals(x64.grad().toFloatArray(), x32.grad().toFloatArray(), 1e-6f);
    }

    @Test void gradChecks() {
        Tensor y2 = idx(new int[]{2, 0, 4}, 3);
        Tensor y3 = idx(new int[]{0, 1, 2, 3, 1, 0}, 2, 3);
        Tensor yIgnore = idx(new int[]{2, -100, 4}, 3);
        for (Reduction r : Reduction.values()) {
            var o = opts().withReduction(r);
            GradCheck.check(v -> ce(o).apply(v[0], y2), logits(DType.F64, 3, 5));
            GradCheck.check(v -> ce(o.withLabelSmoothing(0.3)).apply(v[0], y2), logits(DType.F64, 3, 5));
            GradCheck.check(v -> ce(o).apply(v[0], yIgnore), logits(DType.F64, 3, 5));
            GradCheck.check(v -> ce(o).apply(v[0], y3), logits(DType.F64, 2, 4, 3));
            GradCheck.check(v -> ce(o.withChannelsLast(true).withLabelSmoothing(0.1)).apply(v[0], y3),
                    logits(DType.F64, 2, 3, 4));
        }
    }

    @Test void shapeErrorsNameTheLossAndBothShapes() {
        var e = assertThrows(ShapeException.class,
                () -> new CrossEntropyLoss().apply(logits(DType.F32, 8, 50, 16), idx(new int[8 * 50], 8, 50)));
        assertEquals("cross_entropy: target expected (8, 16) for channels-first (N, C, …) input (8, 50, 16), got (8, 50)",
                e.getMessage());
        var last = ce(opts().withChannelsLast(true));
        var e2 = assertThrows(ShapeException.class, () -> last.apply(logits(DType.F32, 2, 3, 4), idx(new int[3], 3)));
        assertTrue(e2.getMessage().contains("channels-last"), e2.getMessage());
        var e3 = assertThrows(ShapeException.class,
                () -> new CrossEntropyLoss().apply(logits(DType.F32, 2, 3), idx(new int[]{1, 3}, 2)));
        assertEquals("cross_entropy: target 3 at position 1 out of range [0, 3) (ignore index is -100)", e3.getMessage());
        assertThrows(IllegalArgumentException.class, () -> opts().withLabelSmoothing(1.5));
    }

    /** Rows split over threads: every row's loss and gradient equal the one-thread run bit for bit. */
    @Test void rowsSplitOverThreadsGiveTheSameLossAndGradient() {
        int rows = 301, classes = 1000;   // several row chunks, one of them short
        int[] target = new int[rows];
        for (int r = 0; r < rows; r++) target[r] = r % 7 == 3 ? -100 : (r * 37) % classes;
        Tensor data = logits(DType.F32, rows, classes);
        double[][] results = new double[2][];
        int[] threads = {1, 3};
        for (int i = 0; i < 2; i++) {
            try (var cpu = new io.seqlearn.backend.cpu.CpuBackend(threads[i])) {
                results[i] = io.seqlearn.tensor.Backends.withDefault(cpu, () -> {
                    Tensor x = Tensor.of(data.toFloatArray(), rows, classes).requiresGrad(true);
                    Tensor perRow = ce(opts().withReduction(Reduction.NONE)).apply(x, idx(target, rows));
                    perRow.sum().backward();
                    double[] loss = perRow.toDoubleArray(), grad = x.grad().toDoubleArray();
                    double[] both = java.util.Arrays.copyOf(loss, rows + grad.length);
                    System.arraycopy(grad, 0, both, rows, grad.length);
                    return both;
                });
            }
        }
        assertArrayEquals(results[0], results[1], 0.0);
        assertEquals(0.0, results[1][3]);   // an ignored row
        assertTrue(results[1][rows - 1] > 0);   // the last row was computed
    }
}
