package io.seqlearn.data.loader;

import io.seqlearn.data.series.TimeSeriesWindows;
import io.seqlearn.layers.Dense;
import io.seqlearn.loss.MSELoss;
import io.seqlearn.optim.SGD;
import io.seqlearn.tensor.DType;
import io.seqlearn.tensor.Tensor;
import io.seqlearn.data.Batch;
import io.seqlearn.train.FitOptions;
import io.seqlearn.train.History;
import io.seqlearn.train.Sequential;
import io.seqlearn.data.TrainingData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.seqlearn.data.loader.PaddingTest.values;
import static org.junit.jupiter.api.Assertions.*;

class TimeSeriesDataTest {
    /** Row r, column c holds 10·r + c. */
    static double[][] series(int rows, int cols) {
        double[][] s = new double[rows][cols];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) s[r][c] = 10 * r + c;
        return s;
    }

    @Test void windowsBecomeBLFAndBHKTensors() {
        TimeSeriesWindows w = TimeSeriesWindows.of(series(12, 3),
                TimeSeriesWindows.Options.of(3, 2).withFeatureColumns(0, 1).withTargetColumns(2));
        TimeSeriesData d = TimeSeriesData.of(w);
        assertEquals(w.size(), d.size());
        Batch b = d.batch(new int[]{4, 1});
        assertArrayEquals(new int[]{2, 3, 2}, b.inputs().get("series").shape());
        assertArrayEquals(new int[]{2, 2, 1}, b.targets().get("target").shape());
        assertArrayEquals(new double[]{40, 41, 50, 51, 60, 61, 10, 11, 20, 21, 30, 31}, values(b.inputs().get("series")));
        assertArrayEquals(new double[]{72, 82, 42, 52}, values(b.targets().get("target")));
        assertEquals(0, b.tokens());
        Batch flat = d.flatTargets(true).dtype(DType.F64).subset(1, 5).batch(new int[]{0});
        assertArrayEquals(new int[]{1, 2}, flat.targets().get("target").shape());
        assertEquals(DType.F64, flat.inputs().get("series").dtype());
        assertArrayEquals(new double[]{42, 52}, values(flat.targets().get("target")));
    }

    /** Row r of a noiseless sine wave, one column. */
    static double[][] sine(int rows) {
        double[][] s = new double[rows][1];
        for (int r = 0; r < rows; r++) s[r][0] = Math.sin(r * 0.3);
        return s;
    }

    static Sequential model() {
        Sequential m = new Sequential(new Dense(8, "tanh"), new Dense(1));
        m.seed(4);
        m.compile(p -> new SGD(p, 0.05), new MSELoss());
        return m;
    }

    static void assertClose(List<Double> want, List<Double> got) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertEquals(want.get(i), got.get(i), 1e-6 * Math.max(1, Math.abs(want.get(i))), "epoch " + i);
    }

    @Test void fitThroughAPrefetchingLoaderEqualsFitOnTheSource() {
        // lookback = horizon = 4 with one column: Dense maps (B, 4, 1) -> (B, 4, 1) like the target
        TimeSeriesData d = TimeSeriesData.of(TimeSeriesWindows.of(sine(120), TimeSeriesWindows.Options.of(4, 4)));
        FitOptions opts = FitOptions.defaults().withEpochs(3).withBatchSize(16).withValidationSplit(0.2).withSeed(11).quiet();
        Sequential plain = model();
        History h1 = plain.fit(d, opts);
        Sequential loaded = model();
        History h2;
        try (DataLoader<Batch> loader = DataLoader.of(d).prefetch(3).build()) {
            TrainingData view = loader.asTrainingData();
            h2 = loaded.fit(view, opts);
        }
        // Same batches in the same order, so the same run. Compared to 1e-6, not bit for bit: the CPU backend's
        // Vector API sums (reduceLanes ADD, order unspecified) can round differently before and after JIT
        // compilation, which shows as ~1e-8 differences between two identical fits in one JVM.
        assertClose(h1.get("loss"), h2.get("loss"));
        assertClose(h1.get("val_loss"), h2.get("val_loss"));
        assertTrue(h1.get("loss").get(2) < h1.get("loss").get(0), "loss falls: " + h1.get("loss"));
        Map<String, Tensor> a = plain.stateDict();
        Map<String, Tensor> b = loaded.stateDict();
        for (String k : List.copyOf(a.keySet())) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], 1e-6 * Math.max(1, Math.abs(x[i])), k + "[" + i + "]");
        }
    }
}
